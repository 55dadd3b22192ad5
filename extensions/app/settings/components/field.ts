import type { SettingsForm } from '../hooks/useSettingsForm.js';

/** The error props of an input: red and the message under it while the field has a problem. */
export function fieldProps(
  form: Pick<SettingsForm, 'errorFor'>,
  field: string,
): { error: boolean; validationMessage?: string } {
  const message = form.errorFor(field);
  return message === undefined ? { error: false } : { error: true, validationMessage: message };
}
