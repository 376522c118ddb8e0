import type { TFunction } from 'i18next';
import { currentLocale } from '../i18n/index.js';
import { isApiError } from './api.js';
import { labelOr } from './labels.js';

/**
 * What to tell the user about a failure. The server writes its messages in English; in English we
 * show them as they are, in Chinese the translation of the error code (and, for a broken rule,
 * the server's explanation after it, because it is specific).
 */
export function errorMessage(err: unknown, t: TFunction): string {
  if (!isApiError(err)) return t('errors.unexpected');
  if (err.status === 0) return t('errors.network_error');
  const translated = labelOr(`errors.${err.code}`, '');
  if (currentLocale() === 'en') return err.message || translated || t('errors.unexpected');
  if (err.code === 'rule_violated') return `${t('errors.rule_violated')} ${err.message}`;
  return translated || err.message;
}
