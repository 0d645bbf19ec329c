import { useEffect, useState } from 'preact/hooks';
import { drawQr, type QrDrawing } from '../relationships/qr';

/**
 * `text` as a QR code, dark on white in light and dark mode alike (readers expect that). Draws
 * an empty square of the same place while the encoder loads, and nothing more if it cannot
 * load: the code printed next to it still works.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [drawing, setDrawing] = useState<QrDrawing | null>(null);

  useEffect(() => {
    let current = true;
    setDrawing(null);
    drawQr(text).then(
      (d) => current && setDrawing(d),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [text]);

  if (!drawing) return <div class="qr qr-pending" role="img" aria-label={label} aria-busy="true" />;
  return (
    <svg class="qr" viewBox={`0 0 ${drawing.size} ${drawing.size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={drawing.size} height={drawing.size} fill="#fff" />
      <path d={drawing.path} fill="#000" />
    </svg>
  );
}
