import i18n from '../i18n/index.js';

const translate = i18n.t.bind(i18n) as unknown as (key: string) => string;

/** The translation of a key built from server data (an audit action, a job role), else the raw value. */
export function labelOr(key: string, fallback: string): string {
  return i18n.exists(key) ? translate(key) : fallback;
}
