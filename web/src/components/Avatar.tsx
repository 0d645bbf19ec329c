import { initials } from '../profile/format';

/**
 * A member's photo, or their initials when there is none. Decorative next to the name
 * (`alt` empty) unless the photo stands alone.
 */
export function Avatar({ name, photoUrl, size = 'small', alt = '' }: {
  name: string;
  photoUrl: string | undefined;
  size?: 'small' | 'large';
  alt?: string;
}) {
  const px = size === 'large' ? 96 : 48;
  const cls = size === 'large' ? 'avatar avatar-large' : 'avatar avatar-small';
  // Rows of a long list load their photos as they scroll in; a profile's own photo at once.
  if (photoUrl) return <img class={cls} src={photoUrl} alt={alt} width={px} height={px} loading={size === 'small' ? 'lazy' : undefined} />;
  return (
    <span class={`${cls} avatar-initials`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
