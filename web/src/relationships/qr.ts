// QR codes for the business card, drawn as one SVG path. An inline SVG needs no data: image,
// which the page's Content-Security-Policy forbids, and stays sharp at any size. The encoder is
// loaded on first use, so it stays out of the main bundle.

/** The modules of a QR code: `get` is truthy for a dark module. */
export interface QrMatrix {
  size: number;
  get(row: number, col: number): number | boolean;
}

/** A QR code ready to draw: a square of `size` units, the dark modules as one path. */
export interface QrDrawing {
  size: number;
  path: string;
}

/** The light margin readers need around the code, in modules (the standard asks for 4). */
export const QUIET_ZONE = 4;

/** The dark modules as an SVG path, one rectangle per horizontal run, shifted by `margin`. */
export function qrPath(m: QrMatrix, margin: number = QUIET_ZONE): string {
  const parts: string[] = [];
  for (let row = 0; row < m.size; row++) {
    let col = 0;
    while (col < m.size) {
      if (!m.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < m.size && m.get(row, col)) col++;
      parts.push(`M${start + margin} ${row + margin}h${col - start}v1h-${col - start}z`);
    }
  }
  return parts.join('');
}

/** Encodes `text` (error correction M: a phone screen is clean, and fewer modules read faster). */
export async function drawQr(text: string): Promise<QrDrawing> {
  const { create } = await import('qrcode');
  const qr = create(text, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size + 2 * QUIET_ZONE, path: qrPath(qr.modules) };
}
