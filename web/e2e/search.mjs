// Browser test of people search: three members signed up and connected through the API (A–C and
// B–C, so A is B's second degree). A, 田中 結衣, gives her name's reading in kana (たなか ゆい)
// and turns on "appear in search". B types the reading through a Japanese IME into the search bar:
// nothing is searched while the conversion is under way, and once it is confirmed 田中 appears
// under the bar with her degree badge; Enter opens the results page, whose degree filters narrow
// the results and live in the URL. C, in English, finds her by her romaji name as a connection,
// and a search that matches nobody says so.

import {
  apiCall,
  apiMemberMaker,
  assert,
  assertEndpoints,
  connectThroughCards,
  NAV_TIMEOUT_MS,
  runToken,
  screenshot,
  signUpMembers,
  sleep,
  stepWithScreenshots,
  visible,
} from './support.mjs';

/** What each member's screens say, in their language. */
const UI = {
  ja: {
    searchLabel: 'メンバーを検索',
    resultsTitle: (q) => `「${q}」の検索結果`,
    filters: '絞り込み',
    filtersCount: (n) => `絞り込み（${n}）`,
    degree1: '1次：あなたのつながり',
    degree2: '2次：つながりのつながり',
    apply: '結果を表示',
    noResultsFiltered: (q) => `この絞り込み条件では、「${q}」に一致するメンバーは見つかりませんでした。`,
    badge: { 1: '1次', 2: '2次', 3: '3次' },
    mutual: (n) => `共通のつながり：${n}人`,
    matchedName: '一致：名前',
  },
  en: {
    searchLabel: 'Search people',
    resultsTitle: (q) => `Results for “${q}”`,
    noResults: (q) => `No one found for “${q}”.`,
    badge: { 1: '1st', 2: '2nd', 3: '3rd' },
  },
};

const SEARCH_API = '/api/v1/search/members';

/**
 * The search steps, run on the same server as the account test.
 * `h`: { step, base, readCode(login), launchBrowser(extraArgs), pageErrors }.
 */
export async function searchSteps(h) {
  const { base } = h;
  const unique = runToken();
  const member = apiMemberMaker(UI, { tag: 'search', passwordStem: 'Sagashi-Mono', token: unique });
  const a = member('a', 'ja', '田中 結衣');
  const b = member('b', 'ja', '佐藤 健太');
  const c = member('c', 'en', 'Olivia Brown');
  const everyone = [a, b, c];
  const headline = `データエンジニア（${unique}）`;
  const reading = 'たなか';
  /** What the API answers B for the reading: the degree and mutual count the page must show. */
  let seenByB = null;

  const step = stepWithScreenshots(h.step, everyone, 'failure-search');

  const heading = (m, text) => m.page.locator('main h1', { hasText: text });
  const call = (m, method, path, data) => apiCall(m.context, base, method, path, data);
  const searchBox = (m) => m.page.getByRole('combobox', { name: m.ui.searchLabel, exact: true });
  const suggestion = (m, name) => m.page.getByRole('option', { name: new RegExp(`^${name}`) });
  const resultOf = (m, name) => m.page.locator('.search-result', { has: m.page.getByRole('link', { name, exact: true }) });

  /** The search requests a page sends from now on (their decoded query strings). */
  function recordSearches(m) {
    const seen = [];
    m.page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === SEARCH_API) seen.push(Object.fromEntries(url.searchParams));
    });
    return seen;
  }

  await step('the server has the search endpoint', () => assertEndpoints(base, [SEARCH_API]));

  await step('three members sign up through the API; C connects with A and with B; A gives her name in kana and appears in search', async () => {
    await signUpMembers(h, everyone);
    for (const [x, y] of [[a, c], [b, c]]) await connectThroughCards(base, x.context, y.context);
    const profile = await call(a, 'GET', '/api/v1/me/profile');
    const { id: _id, updated_at: _updated, ...doc } = profile;
    doc.photo = { audience: profile.photo.audience };
    doc.name = {
      value: { family: '田中', given: '結衣', family_reading: 'たなか', given_reading: 'ゆい', latin_family: 'Tanaka', latin_given: 'Yui', order: 'family_first' },
      audience: 'members',
    };
    doc.headline = { value: headline, audience: 'members' };
    await call(a, 'PUT', '/api/v1/me/profile', doc);
    const privacy = await call(a, 'GET', '/api/v1/me/privacy');
    assert(privacy.discoverability.searchable === false, 'members are not searchable until they opt in');
    const saved = await call(a, 'PUT', '/api/v1/me/privacy', {
      discoverability: { ...privacy.discoverability, searchable: true },
      shield: { companies: privacy.shield.companies.map((x) => x.id), hide_profile: privacy.shield.hide_profile },
    });
    assert(saved.discoverability.searchable === true, 'A is searchable');
    const answer = await call(b, 'GET', `${SEARCH_API}?q=${encodeURIComponent(reading)}`);
    seenByB = answer.results.find((r) => r.member.id === a.id);
    assert(seenByB, `the API finds A for ${reading} (${JSON.stringify(answer)})`);
    assert(seenByB.member.degree === 2, `A is B's second degree (${JSON.stringify(seenByB.member)})`);
    assert(!answer.results.some((r) => r.member.id === c.id), 'C, who did not opt in, is not found');
  });

  await step('B types たなか through an IME: nothing is searched while converting, then 田中 appears under the search bar', async () => {
    await b.page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
    await visible(searchBox(b));
    const searches = recordSearches(b);
    await searchBox(b).click();
    // A Japanese IME, as Chromium drives one: the romaji typed becomes kana, then is confirmed.
    const ime = await b.context.newCDPSession(b.page);
    for (const text of ['t', 'た', 'たn', 'たな', 'たなk', reading]) {
      await ime.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      await sleep(80);
    }
    await sleep(800);
    assert(searches.length === 0, `nothing is searched during the conversion (${JSON.stringify(searches)})`);
    await ime.send('Input.insertText', { text: reading });
    const option = suggestion(b, a.name);
    await visible(option);
    await visible(option.locator('.degree-badge', { hasText: b.ui.badge[2] }));
    await visible(option.getByText(headline));
    assert(searches.length === 1 && searches[0].q === reading, `one search, for the confirmed text (${JSON.stringify(searches)})`);
    await screenshot(b.page, 'search-as-you-type-ja');
  });

  await step('B presses Enter: the results page lists 田中 with her degree badge and mutual connections, linked to her profile', async () => {
    await searchBox(b).press('Enter');
    await b.page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === reading, { timeout: NAV_TIMEOUT_MS });
    await visible(heading(b, b.ui.resultsTitle(reading)));
    const item = resultOf(b, a.name);
    await visible(item);
    await visible(item.locator('.degree-badge', { hasText: b.ui.badge[2] }));
    await visible(item.getByText(headline));
    if (seenByB.mutual_count !== undefined) await visible(item.getByText(b.ui.mutual(seenByB.mutual_count)));
    else assert((await item.locator('.search-mutual').count()) === 0, 'no mutual count where the API gives none');
    if (seenByB.matched.includes('name')) await visible(item.getByText(b.ui.matchedName));
    await screenshot(b.page, 'search-results-ja');
  });

  await step('B narrows the results by degree; the filters are in the URL and survive a reload', async () => {
    const filters = b.page.locator('.search-filters');
    await filters.locator('summary', { hasText: b.ui.filters }).click();
    await filters.getByLabel(b.ui.degree1, { exact: true }).check();
    await filters.getByRole('button', { name: b.ui.apply, exact: true }).click();
    await b.page.waitForURL((url) => url.searchParams.get('degree') === '1', { timeout: NAV_TIMEOUT_MS });
    await visible(b.page.getByText(b.ui.noResultsFiltered(reading)));
    await filters.locator('summary').click();
    await filters.getByLabel(b.ui.degree1, { exact: true }).uncheck();
    await filters.getByLabel(b.ui.degree2, { exact: true }).check();
    await screenshot(b.page, 'search-filters-ja', filters);
    await filters.getByRole('button', { name: b.ui.apply, exact: true }).click();
    await b.page.waitForURL((url) => url.searchParams.get('degree') === '2', { timeout: NAV_TIMEOUT_MS });
    await visible(resultOf(b, a.name));
    await b.page.reload({ waitUntil: 'domcontentloaded' });
    await visible(resultOf(b, a.name));
    await visible(b.page.locator('.search-filters summary', { hasText: b.ui.filtersCount(1) }));
    assert((await searchBox(b).inputValue()) === reading, 'the search bar shows the query of the page');
  });

  await step("B opens 田中's profile from the results", async () => {
    await resultOf(b, a.name).getByRole('link', { name: a.name, exact: true }).click();
    await b.page.waitForURL(`${base}/members/${encodeURIComponent(a.id)}`, { timeout: NAV_TIMEOUT_MS });
    // The name shows with its reading above it (ruby), so the heading's text mixes the two.
    await visible(b.page.locator('main h1 ruby', { hasText: '田中' }));
    await visible(b.page.locator('main h1 rt', { hasText: 'たなか' }));
    await visible(b.page.locator('main').getByText(headline));
  });

  await step('C, in English, finds her by her romaji name as a connection; a search that matches nobody says so', async () => {
    await c.page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
    await searchBox(c).fill('tanaka');
    const option = suggestion(c, a.name);
    await visible(option);
    await visible(option.locator('.degree-badge', { hasText: c.ui.badge[1] }));
    await screenshot(c.page, 'search-as-you-type-en');
    const nobody = `zq${unique}`;
    await searchBox(c).fill(nobody);
    await visible(c.page.locator('.site-search-status', { hasText: c.ui.noResults(nobody) }));
    await searchBox(c).press('Enter');
    await visible(heading(c, c.ui.resultsTitle(nobody)));
    await visible(c.page.locator('.search-none', { hasText: c.ui.noResults(nobody) }));
    await screenshot(c.page, 'search-none-en');
  });
}
