import { useLocation } from 'preact-iso';
import { useAuth } from '../auth';
import type { DescribedError } from '../i18n/describeError';

/** Returns a handler that leaves for the login page when an error means the session is gone. */
export function useSignedOutGuard(): (d: DescribedError) => boolean {
  const auth = useAuth();
  const { route } = useLocation();
  return (d) => {
    if (!d.signedOut) return false;
    auth.signedOut('session_expired');
    route('/login');
    return true;
  };
}
