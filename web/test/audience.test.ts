import { describe, expect, it } from 'vitest';
import type { Audience, Circle } from '../src/api/types';
import { translate, type MessageKey, type Params } from '../src/i18n/translate';
import {
  audienceKind,
  audienceLabel,
  audienceOptions,
  groupByAudience,
  listAudience,
  parseAudience,
  visibleToLine,
} from '../src/profile/audience';

const en = (key: MessageKey, params?: Params) => translate('en', key, params);
const ja = (key: MessageKey, params?: Params) => translate('ja', key, params);
const zh = (key: MessageKey, params?: Params) => translate('zh-Hans', key, params);
const circles: Circle[] = [
  { id: 'c1', name: 'Former colleagues', members: [] },
  { id: 'c2', name: '大学の友人', members: ['m_9'] },
];

describe('audiences', () => {
  it('parses the wire form', () => {
    expect(parseAudience('connections')).toEqual({ kind: 'connections' });
    expect(parseAudience('circle:c1')).toEqual({ kind: 'circle', circleId: 'c1' });
    expect(parseAudience('circle:')).toBeUndefined();
    expect(parseAudience('friends')).toBeUndefined();
    expect(audienceKind('circle:zz')).toBe('circle');
    expect(audienceKind('nonsense')).toBe('only_me');
  });

  it('offers the stages widest first, then the circles, then only me', () => {
    expect(audienceOptions(circles)).toEqual([
      'public',
      'members',
      'network2',
      'greeted',
      'conversing',
      'connections',
      'trusted',
      'circle:c1',
      'circle:c2',
      'only_me',
    ]);
    expect(audienceOptions([]).at(-1)).toBe('only_me');
  });

  it('labels each audience, short and long, in every language', () => {
    expect(audienceLabel('connections', circles, en)).toBe('Connections');
    expect(audienceLabel('connections', circles, ja)).toBe('つながり');
    expect(audienceLabel('connections', circles, zh)).toBe('一度人脉');
    expect(audienceLabel('only_me', circles, ja)).toBe('自分のみ');
    expect(audienceLabel('public', circles, en, 'long')).toBe('Everyone, also people not signed in');
    expect(audienceLabel('network2', circles, zh, 'long')).toBe('二度人脉以内');
    expect(audienceLabel('circle:c2', circles, ja)).toBe('グループ：大学の友人');
    expect(audienceLabel('circle:c1', circles, en)).toBe('Circle: Former colleagues');
    expect(audienceLabel('circle:gone', circles, en)).toBe('A circle');
    expect(audienceLabel('bogus', circles, en)).toBe('Unknown audience');
  });

  it('groups what each audience sees, widest first, circles before only me', () => {
    const groups = groupByAudience([
      { label: 'Contacts', audience: 'only_me' },
      { label: 'Headline', audience: 'members' },
      { label: 'About', audience: 'connections' },
      { label: 'Skill', audience: 'circle:c1' },
      { label: 'Name', audience: 'members' },
      { label: 'Photo', audience: 'public' },
      { label: 'Name', audience: 'members' },
    ]);
    expect(groups).toEqual([
      { audience: 'public', items: ['Photo'] },
      { audience: 'members', items: ['Headline', 'Name'] },
      { audience: 'connections', items: ['About'] },
      { audience: 'circle:c1', items: ['Skill'] },
      { audience: 'only_me', items: ['Contacts'] },
    ]);
  });

  it('summarises a list: one audience, several, or none', () => {
    const same: Audience[] = ['connections', 'connections'];
    expect(listAudience([])).toEqual({ kind: 'empty' });
    expect(listAudience(same)).toEqual({ kind: 'same', audience: 'connections' });
    expect(listAudience(['only_me', 'members', 'connections'])).toEqual({ kind: 'mixed', widest: 'members', count: 3 });
    expect(visibleToLine(listAudience(same), circles, en)).toBe('Visible to: Connections');
    expect(visibleToLine(listAudience(same), circles, ja)).toBe('公開範囲：つながり');
    expect(visibleToLine(listAudience(['only_me', 'members']), circles, en)).toBe(
      'Visible to: varies by entry, widest Members',
    );
    expect(visibleToLine(listAudience([]), circles, zh)).toBe('尚未添加');
  });
});
