import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorRegion } from '../../components/Live';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { codeFromScanned } from '../../relationships/cardCode';
import { cameraProblem, createFrameReader, openCamera } from '../../relationships/scanner';

/** How often a frame is read: often enough to feel instant, rarely enough to spare the battery. */
const SCAN_INTERVAL_MS = 200;

type Phase = 'starting' | 'scanning' | 'not_a_card' | 'denied' | 'missing' | 'failed';

const PHASE_TEXT: Record<Phase, MessageKey> = {
  starting: 'card.camera_starting',
  scanning: 'card.camera_scanning',
  not_a_card: 'card.camera_not_a_card',
  denied: 'card.camera_denied',
  missing: 'card.camera_missing',
  failed: 'card.camera_failed',
};

/**
 * The camera's view, read for a QR code until one holds a card code, which goes to `onCode`.
 * The camera is released when the scanner closes or the page is left.
 */
export function CameraScanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<Phase>('starting');
  // The scan loop outlives renders: it calls the latest callback, not the first one.
  const found = useRef(onCode);
  found.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    async function start() {
      try {
        stream = await openCamera();
        const element = video.current;
        if (stopped || !element) return;
        element.srcObject = stream;
        await element.play();
        const read = await createFrameReader();
        if (stopped) return;
        setPhase('scanning');
        const tick = async () => {
          if (stopped) return;
          const text = await read(element).catch(() => null);
          const code = text === null ? undefined : codeFromScanned(text);
          if (code) {
            found.current(code);
            return;
          }
          if (text !== null) setPhase('not_a_card');
          timer = setTimeout(() => void tick(), SCAN_INTERVAL_MS);
        };
        void tick();
      } catch (e) {
        if (!stopped) setPhase(cameraProblem(e));
      }
    }

    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  const broken = phase === 'denied' || phase === 'missing' || phase === 'failed';
  return (
    <div class="scanner">
      {!broken && (
        <div class="scanner-view">
          <video ref={video} class="scanner-video" muted playsInline aria-label={t('card.camera_view')} />
          <span class="scanner-frame" aria-hidden="true" />
        </div>
      )}
      <ErrorRegion text={broken ? t(PHASE_TEXT[phase]) : null} />
      <p class="hint scanner-status" role="status">
        {broken ? '' : t(PHASE_TEXT[phase])}
      </p>
      <button type="button" id="scan-camera-stop" class="btn btn-secondary btn-small" onClick={onClose}>
        {t('card.camera_stop')}
      </button>
    </div>
  );
}
