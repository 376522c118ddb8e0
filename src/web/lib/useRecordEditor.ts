import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api.js';
import { errorMessage } from './errors.js';
import { applyFieldIssues, fieldIssuesOf } from './forms.js';

/**
 * What a drawer that adds or edits one record needs around its form: the record as last read from
 * the server (`base`), a 409 answered by reloading the form with the current record and saying so
 * (`stale`), field errors shown on their fields and any other error above the form (`error`), and
 * `done` to confirm and close.
 */
export function useRecordEditor<R, V>(opts: { record: R | null; form: FormInstance<V>; valuesOf: (r: R) => V; fields: readonly string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [base, setBase] = useState(opts.record);
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onError = (err: unknown) => {
    if (isApiError(err) && err.isConflict && err.current) {
      setStale(true);
      setBase(err.current as R);
      opts.form.setFieldsValue(opts.valuesOf(err.current as R) as Parameters<FormInstance<V>['setFieldsValue']>[0]);
      return;
    }
    const rest = applyFieldIssues(opts.form, fieldIssuesOf(err), opts.fields);
    setError(fieldIssuesOf(err).length && !rest.length ? null : errorMessage(err, t));
  };
  const done = (text: string) => {
    void message.success(text);
    opts.onClose();
  };
  return { base, stale, error, setError, onError, done };
}
