import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/errors';
import { describeError } from '../src/i18n/describeError';
import { describeProfileField, fieldAncestors, normalizeFieldPath, routeError } from '../src/i18n/fieldErrors';

const bad = (field: string, code: ApiError['code'] = 'invalid_argument', status = 400) =>
  new ApiError({ status, code, field, message: 'for developers' });

describe('field paths', () => {
  it('drops the value level of audienced fields', () => {
    expect(normalizeFieldPath('name.value.family')).toBe('name.family');
    expect(normalizeFieldPath('headline.value')).toBe('headline');
    expect(normalizeFieldPath('contacts[1].value')).toBe('contacts[1].value');
    expect(normalizeFieldPath('value')).toBe('value');
  });
  it('walks from the field up to its list', () => {
    expect(fieldAncestors('positions[2].title')).toEqual(['positions[2].title', 'positions[2]', 'positions']);
    expect(fieldAncestors('name.value.family')).toEqual(['name.family', 'name']);
    expect(fieldAncestors('password')).toEqual(['password']);
    expect(fieldAncestors('members[3]')).toEqual(['members[3]', 'members']);
  });
});

describe('routeError', () => {
  const fields = new Set(['positions[0]', 'positions[0].title', 'positions', 'name.family', 'headline']);
  const has = (p: string) => fields.has(p);

  it('puts the message next to the exact field, with "check the fields" on top', () => {
    const r = routeError({ key: 'errors.too_long', params: { max: 200 }, field: 'positions[0].title' }, has);
    expect(r).toEqual({
      field: 'positions[0].title',
      fieldMessage: { key: 'errors.too_long', params: { max: 200 } },
      formMessage: { key: 'errors.check_fields' },
    });
  });
  it('falls back to the entry, then the list, when the form has no such input', () => {
    expect(routeError({ key: 'errors.entry_stale', field: 'positions[0].id' }, has).field).toBe('positions[0]');
    expect(routeError({ key: 'errors.field_invalid', field: 'positions[7].title' }, has).field).toBe('positions');
    expect(routeError({ key: 'errors.too_long', field: 'headline.value' }, has).field).toBe('headline');
  });
  it('keeps unknown fields and field-less errors on top of the form', () => {
    expect(routeError({ key: 'errors.field_invalid', field: 'nickname' }, has)).toEqual({
      field: undefined,
      fieldMessage: undefined,
      formMessage: { key: 'errors.field_invalid' },
    });
    expect(routeError({ key: 'errors.rate_limited', params: { when: 'soon' } }, has).formMessage).toEqual({
      key: 'errors.rate_limited',
      params: { when: 'soon' },
    });
  });
});

describe('messages for profile fields', () => {
  it('says what is accepted, by field', () => {
    expect(describeProfileField('positions[2].title')).toEqual({ key: 'errors.length_range', params: { max: 200 } });
    expect(describeProfileField('name.family')).toEqual({ key: 'errors.too_long', params: { max: 100 } });
    expect(describeProfileField('name.value.latin_given')).toEqual({ key: 'errors.too_long', params: { max: 100 } });
    expect(describeProfileField('about')).toEqual({ key: 'errors.too_long', params: { max: 4000 } });
    expect(describeProfileField('skills[0].name')).toEqual({ key: 'errors.length_range', params: { max: 80 } });
    expect(describeProfileField('contacts[1].value')).toEqual({ key: 'errors.length_range', params: { max: 200 } });
    expect(describeProfileField('links[0].url').key).toBe('errors.url_invalid');
    expect(describeProfileField('education[1].start').key).toBe('errors.month_start');
    expect(describeProfileField('positions[0].end').key).toBe('errors.end_before_start');
    expect(describeProfileField('positions[0].company_id').key).toBe('errors.company_required');
    expect(describeProfileField('education[0].school_id').key).toBe('errors.school_required');
    expect(describeProfileField('headline.audience').key).toBe('errors.audience_invalid');
    expect(describeProfileField('skills[3].id').key).toBe('errors.entry_stale');
    expect(describeProfileField('positions')).toEqual({ key: 'errors.too_many', params: { max: 50 } });
    expect(describeProfileField('skills')).toEqual({ key: 'errors.too_many', params: { max: 100 } });
    expect(describeProfileField('positions[4]').key).toBe('errors.entry_invalid');
    expect(describeProfileField('updated_at').key).toBe('errors.field_invalid');
  });
  it('describeError uses them in the profile editor', () => {
    expect(describeError(bad('positions[2].title'), 'profile_edit')).toEqual({
      key: 'errors.length_range',
      params: { max: 200 },
      field: 'positions[2].title',
    });
    // 401 still means the session is gone, whatever the field.
    expect(describeError(bad('x', 'unauthenticated', 401), 'profile_edit').signedOut).toBe(true);
  });
});

describe('describeError in the new forms', () => {
  it('a wrong work-email code is a 400 naming the code', () => {
    expect(describeError(bad('code'), 'work_email')).toEqual({ key: 'errors.invalid_code', field: 'code' });
    expect(describeError(bad('code'), 'verify').key).toBe('errors.code_format');
    expect(describeError(bad('email'), 'work_email')).toEqual({ key: 'errors.email_invalid', field: 'email' });
  });
  it('persona conflicts', () => {
    expect(describeError(bad('handle', 'already_exists', 409), 'persona')).toEqual({ key: 'errors.handle_taken', field: 'handle' });
    expect(describeError(new ApiError({ status: 409, code: 'failed_precondition', message: '' }), 'persona').key).toBe(
      'errors.persona_limit',
    );
    expect(describeError(bad('handle'), 'persona')).toEqual({ key: 'errors.handle_invalid', field: 'handle' });
    expect(describeError(bad('bio'), 'persona')).toEqual({ key: 'errors.too_long', params: { max: 300 }, field: 'bio' });
  });
  it('uploads', () => {
    const status = (s: number, code: ApiError['code']) => new ApiError({ status: s, code, message: '' });
    expect(describeError(status(413, 'payload_too_large'), 'upload').key).toBe('errors.image_too_large');
    expect(describeError(status(415, 'unsupported_media_type'), 'upload').key).toBe('errors.image_type');
    expect(describeError(status(400, 'invalid_argument'), 'upload').key).toBe('errors.image_unreadable');
    expect(describeError(status(413, 'payload_too_large'), 'other').key).toBe('errors.too_large');
  });
  it('circles and new companies', () => {
    expect(describeError(bad('members[2]'), 'circle')).toEqual({ key: 'errors.members_invalid', field: 'members[2]' });
    expect(describeError(bad('names.ja'), 'organization')).toEqual({ key: 'errors.org_name_invalid', field: 'names.ja' });
    expect(describeError(bad('country'), 'organization').key).toBe('errors.choice_required');
  });
});
