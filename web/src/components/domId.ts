/** An element id built from an opaque API id: encoded, so that no character of it can break the id. */
export function domId(prefix: string, id: string): string {
  return `${prefix}-${encodeURIComponent(id)}`;
}
