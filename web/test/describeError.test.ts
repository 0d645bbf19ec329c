import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/errors';
import { describeError, loginFormatError, passwordLengthError } from '../src/i18n/describeError';
import { describeUserAgent } from '../src/components/userAgent';

const err = (status: number, code: ApiError['code'], field?: string, message = '', retryAfter?: number) =>
  new ApiError({ status, code, field, message, retryAfter });

describe('describeError', () => {
  it('network failure', () => {
    expect(describeError(err(0, 'network'), 'login').key).toBe('errors.network');
  });
  it('wrong login or password', () => {
    expect(describeError(err(401, 'unauthenticated'), 'login')).toEqual({ key: 'errors.invalid_credentials' });
  });
  it('wrong code goes next to the code field', () => {
    expect(describeError(err(401, 'unauthenticated'), 'verify')).toEqual({ key: 'errors.invalid_code', field: 'code' });
  });
  it('rate limit with a retry time', () => {
    const d = describeError(err(429, 'resource_exhausted', undefined, '', 300), 'login', {
      formatDelay: (s) => `in ${s / 60} minutes`,
    });
    expect(d).toEqual({ key: 'errors.rate_limited', params: { when: 'in 5 minutes' } });
    expect(describeError(err(429, 'resource_exhausted'), 'login').key).toBe('errors.rate_limited_soon');
  });
  it('password refusals follow the server\'s reason code', () => {
    const refused = (reason: string, field = 'password') =>
      err(400, 'invalid_argument', field, `${reason}: the server's English text`);
    expect(describeError(refused('common'), 'signup')).toEqual({ key: 'errors.password_common', field: 'password' });
    expect(describeError(refused('too_short'), 'signup').key).toBe('errors.password_too_short');
    expect(describeError(refused('too_long'), 'signup').key).toBe('errors.password_too_long');
    expect(describeError(refused('matches_account'), 'signup').key).toBe('errors.password_matches_account');
    expect(describeError(refused('invalid_utf8', 'new_password'), 'password')).toEqual({
      key: 'errors.password_invalid',
      field: 'new_password',
    });
  });
  it('a password refusal without a known reason falls back on its length', () => {
    expect(describeError(err(400, 'invalid_argument', 'password'), 'signup', { password: 'short' }).key).toBe(
      'errors.password_too_short',
    );
    expect(describeError(err(400, 'invalid_argument', 'password'), 'signup', { password: 'long enough' }).key).toBe(
      'errors.password_invalid',
    );
  });
  it('field errors', () => {
    expect(describeError(err(400, 'invalid_argument', 'login'), 'signup')).toEqual({
      key: 'errors.login_invalid',
      field: 'login',
    });
    expect(describeError(err(400, 'invalid_argument', 'display_name'), 'profile').field).toBe('display_name');
  });
  it('wrong current password and wrong deletion password', () => {
    expect(describeError(err(401, 'unauthenticated'), 'password')).toEqual({
      key: 'errors.wrong_password',
      field: 'current_password',
    });
    expect(describeError(err(400, 'invalid_argument', 'current_password'), 'password').key).toBe('errors.wrong_password');
    expect(describeError(err(401, 'unauthenticated'), 'delete')).toEqual({ key: 'errors.wrong_password', field: 'password' });
  });
  it('401 elsewhere means the session is gone', () => {
    expect(describeError(err(401, 'unauthenticated'), 'profile')).toEqual({
      key: 'errors.session_expired',
      signedOut: true,
    });
  });
  it('server-side trouble', () => {
    expect(describeError(err(403, 'permission_denied'), 'profile').key).toBe('errors.csrf');
    expect(describeError(err(503, 'unavailable'), 'login').key).toBe('errors.unavailable');
    expect(describeError(err(500, 'internal'), 'login').key).toBe('errors.internal');
    expect(describeError(new Error('boom'), 'login').key).toBe('errors.generic');
  });
});

describe('describeError for relationships', () => {
  it('a request already sent, or a tie already made, is one answer', () => {
    expect(describeError(err(409, 'already_exists', 'to'), 'request')).toEqual({ key: 'errors.request_exists' });
    expect(describeError(err(409, 'already_exists', 'code'), 'scan')).toEqual({ key: 'errors.already_connected' });
  });
  it('quotas on requests are not "too many attempts"', () => {
    const quota = err(429, 'resource_exhausted', undefined, '', 3600);
    expect(describeError(quota, 'request', { formatDelay: () => 'in 1 hour' })).toEqual({
      key: 'errors.request_quota',
      params: { when: 'in 1 hour' },
    });
    expect(describeError(err(429, 'resource_exhausted'), 'request').key).toBe('errors.request_quota_soon');
    expect(describeError(quota, 'scan', { formatDelay: () => 'in 1 hour' }).key).toBe('errors.rate_limited');
  });
  it('a member, card, request or connection that is not found', () => {
    expect(describeError(err(404, 'not_found'), 'request')).toEqual({ key: 'errors.member_gone' });
    expect(describeError(err(404, 'not_found'), 'tie')).toEqual({ key: 'errors.gone' });
    expect(describeError(err(404, 'not_found'), 'scan')).toEqual({ key: 'errors.card_not_found', field: 'code' });
  });
  it('field errors of requests, ties, cards and the inbound policy', () => {
    expect(describeError(err(400, 'invalid_argument', 'note'), 'request')).toEqual({
      key: 'errors.too_long',
      params: { max: 300 },
      field: 'note',
    });
    expect(describeError(err(400, 'invalid_argument', 'provenance'), 'request')).toEqual({ key: 'errors.choice_required', field: 'provenance' });
    expect(describeError(err(400, 'invalid_argument', 'rating'), 'tie')).toEqual({ key: 'errors.rating_invalid', field: 'rating' });
    expect(describeError(err(400, 'invalid_argument', 'code'), 'scan')).toEqual({ key: 'errors.card_code_invalid', field: 'code' });
    expect(describeError(err(400, 'invalid_argument', 'code'), 'verify').key).toBe('errors.code_format');
    expect(describeError(err(400, 'invalid_argument', 'min_account_age_days'), 'inbound_policy')).toEqual({
      key: 'errors.days_range',
      params: { max: 365 },
      field: 'min_account_age_days',
    });
    expect(describeError(err(400, 'invalid_argument', 'refused_functions[2]'), 'inbound_policy')).toEqual({
      key: 'errors.choice_required',
      field: 'refused_functions[2]',
    });
  });
});

describe('local validation', () => {
  it('password length', () => {
    expect(passwordLengthError('')).toBe('errors.required');
    expect(passwordLengthError('1234567')).toBe('errors.password_too_short');
    expect(passwordLengthError('12345678')).toBeUndefined();
    expect(passwordLengthError('x'.repeat(257))).toBe('errors.password_too_long');
    // counted in characters, not UTF-16 units
    expect(passwordLengthError('縁縁縁縁縁縁縁縁')).toBeUndefined();
  });
  it('login format', () => {
    expect(loginFormatError('hanako@example.jp')).toBeUndefined();
    expect(loginFormatError('+81 90 1234 5678')).toBeUndefined();
    expect(loginFormatError('+8613912345678')).toBeUndefined();
    expect(loginFormatError('090-1234-5678')).toBe('errors.login_invalid');
    expect(loginFormatError('hanako@')).toBe('errors.login_invalid');
    expect(loginFormatError('  ')).toBe('errors.required');
  });
});

describe('describeUserAgent', () => {
  it('names common browsers', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari · iOS');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome · Linux');
    expect(describeUserAgent('curl/8.5.0')).toBe('curl/8.5.0');
    expect(describeUserAgent('')).toBeUndefined();
  });
});
