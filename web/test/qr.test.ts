import { describe, expect, it } from 'vitest';
import { drawQr, qrPath, QUIET_ZONE } from '../src/relationships/qr';

/** A matrix from rows of "#" (dark) and "." (light). */
function matrix(rows: string[]) {
  return { size: rows.length, get: (r: number, c: number) => rows[r]?.[c] === '#' };
}

describe('qrPath', () => {
  it('draws one rectangle per horizontal run of dark modules, inside the margin', () => {
    expect(qrPath(matrix(['##.', '...', '.##']), 0)).toBe('M0 0h2v1h-2zM1 2h2v1h-2z');
    expect(qrPath(matrix(['#.#', '...', '...']), 4)).toBe('M4 4h1v1h-1zM6 4h1v1h-1z');
  });
  it('draws nothing for an all-light matrix', () => {
    expect(qrPath(matrix(['..', '..']))).toBe('');
  });
});

describe('drawQr', () => {
  it('encodes a card address with room for the quiet zone', async () => {
    const drawing = await drawQr('https://enishi.example/c/7KQ2MXW9PA');
    // Version 3 (29 modules) holds a 35-character address at level M.
    expect(drawing.size).toBe(29 + 2 * QUIET_ZONE);
    expect(drawing.path.startsWith(`M${QUIET_ZONE} ${QUIET_ZONE}h7v1h-7z`)).toBe(true); // the finder pattern's top edge
  });
});
