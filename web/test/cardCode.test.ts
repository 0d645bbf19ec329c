import { describe, expect, it } from 'vitest';
import { cardPagePath, cardUrl, codeFromScanned, formatCardCode, normalizeCardCode, typedCodeProblem } from '../src/relationships/cardCode';

describe('normalizeCardCode', () => {
  it('reads a code as the server does: case, spaces and hyphens do not matter', () => {
    expect(normalizeCardCode('7KQ2M-XW9PA')).toBe('7KQ2MXW9PA');
    expect(normalizeCardCode('7kq2m xw9pa')).toBe('7KQ2MXW9PA');
    expect(normalizeCardCode(' 7KQ 2MX W9PA ')).toBe('7KQ2MXW9PA');
  });
  it('reads O as 0 and I or L as 1, the letters the alphabet leaves out', () => {
    expect(normalizeCardCode('O1ILO-23456')).toBe('0111023456');
  });
  it('accepts what Japanese and Chinese keyboards type: full-width letters, long-vowel marks', () => {
    expect(normalizeCardCode('７ＫＱ２Ｍ－ＸＷ９ＰＡ')).toBe('7KQ2MXW9PA');
    expect(normalizeCardCode('7KQ2MーXW9PA')).toBe('7KQ2MXW9PA');
    expect(normalizeCardCode('7KQ2M\u3000XW9PA')).toBe('7KQ2MXW9PA');
  });
  it('refuses anything that cannot be a code', () => {
    expect(normalizeCardCode('')).toBeUndefined();
    expect(normalizeCardCode('7KQ2M-XW9P')).toBeUndefined(); // 9 characters
    expect(normalizeCardCode('7KQ2M-XW9PAA')).toBeUndefined(); // 11
    expect(normalizeCardCode('7KQ2M-XW9PU')).toBeUndefined(); // U is not in the alphabet
    expect(normalizeCardCode('7KQ2M_XW9PA')).toBeUndefined();
  });
});

describe('typedCodeProblem', () => {
  it('catches an empty, malformed or own code before it is sent', () => {
    expect(typedCodeProblem('  ', undefined)).toBe('errors.required');
    expect(typedCodeProblem('7KQ2M', undefined)).toBe('errors.card_code_invalid');
    expect(typedCodeProblem('7kq2m-xw9pa', '7KQ2MXW9PA')).toBe('errors.card_own');
    expect(typedCodeProblem('7kq2m-xw9pa', 'AAAAABBBBB')).toBeUndefined();
    expect(typedCodeProblem('7kq2m-xw9pa', undefined)).toBeUndefined(); // own card not loaded yet
  });
});

describe('formatCardCode', () => {
  it('groups a code in two fives for reading out', () => {
    expect(formatCardCode('7KQ2MXW9PA')).toBe('7KQ2M-XW9PA');
  });
  it('leaves anything else as it is', () => {
    expect(formatCardCode('ABC')).toBe('ABC');
  });
});

describe('codeFromScanned', () => {
  it('takes a bare code', () => {
    expect(codeFromScanned('7kq2m-xw9pa')).toBe('7KQ2MXW9PA');
  });
  it('finds the code in a card address: the last path segment or the code parameter', () => {
    expect(codeFromScanned('https://enishi.example/c/7KQ2MXW9PA')).toBe('7KQ2MXW9PA');
    expect(codeFromScanned('https://enishi.example/c/7KQ2M-XW9PA/')).toBe('7KQ2MXW9PA');
    expect(codeFromScanned('https://enishi.example/cards?code=7kq2mxw9pa')).toBe('7KQ2MXW9PA');
  });
  it('finds nothing in other QR codes', () => {
    expect(codeFromScanned('https://example.com/menu')).toBeUndefined();
    expect(codeFromScanned('WIFI:T:WPA;S:cafe;P:secret;;')).toBeUndefined();
    expect(codeFromScanned('https://example.com/%E0%A4%A')).toBeUndefined(); // broken escape
  });
});

describe('cardUrl', () => {
  it('is the address the server gives', () => {
    expect(cardUrl({ code: '7KQ2MXW9PA', url: 'https://enishi.example/c/7KQ2MXW9PA' }, 'http://127.0.0.1:8080')).toBe(
      'https://enishi.example/c/7KQ2MXW9PA',
    );
  });
  it('resolves the path the server gives on this origin', () => {
    const url = cardUrl({ code: '7KQ2MXW9PA', url: '/c/7KQ2MXW9PA' }, 'http://127.0.0.1:8080');
    expect(url).toBe('http://127.0.0.1:8080/c/7KQ2MXW9PA');
    expect(codeFromScanned(url)).toBe('7KQ2MXW9PA');
  });
  it('else this client\'s card page, which reads back to the same code', () => {
    const url = cardUrl({ code: '7KQ2MXW9PA' }, 'http://127.0.0.1:8080');
    expect(url).toBe('http://127.0.0.1:8080/c/7KQ2MXW9PA');
    expect(codeFromScanned(url)).toBe('7KQ2MXW9PA');
    expect(cardPagePath('7KQ2MXW9PA')).toBe('/c/7KQ2MXW9PA');
  });
});
