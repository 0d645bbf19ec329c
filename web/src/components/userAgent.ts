/** A short, human name for a User-Agent string, e.g. "Chrome · Android". */
export function describeUserAgent(ua: string): string | undefined {
  const s = ua.trim();
  if (s === '') return undefined;
  let browser: string | undefined;
  if (/\bEdg(e|A|iOS)?\//.test(s)) browser = 'Edge';
  else if (/\b(OPR|Opera)\//.test(s)) browser = 'Opera';
  else if (/\bSamsungBrowser\//.test(s)) browser = 'Samsung Internet';
  else if (/\bMicroMessenger\//.test(s)) browser = 'WeChat';
  else if (/\bLine\//.test(s)) browser = 'LINE';
  else if (/\b(Firefox|FxiOS)\//.test(s)) browser = 'Firefox';
  else if (/(\b|Headless)(Chrome|Chromium|CriOS)\//.test(s)) browser = 'Chrome';
  else if (/\bVersion\/[\d.]+.*\bSafari\//.test(s)) browser = 'Safari';

  let os: string | undefined;
  if (/\b(iPhone|iPad|iPod)\b/.test(s)) os = 'iOS';
  else if (/\bAndroid\b/.test(s)) os = 'Android';
  else if (/\bWindows\b/.test(s)) os = 'Windows';
  else if (/\bCrOS\b/.test(s)) os = 'ChromeOS';
  else if (/\bMac OS X\b|\bMacintosh\b/.test(s)) os = 'macOS';
  else if (/\bLinux\b/.test(s)) os = 'Linux';

  if (browser && os) return `${browser} · ${os}`;
  if (browser ?? os) return browser ?? os;
  // Not a browser we know (e.g. an API client): show its first product token.
  const first = s.split(/\s+/)[0] ?? s;
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}
