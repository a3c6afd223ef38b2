// Fills a prompt template's {{placeholders}} in one pass, so that filled-in text is never read as a template.
import { GuildError } from "../../core/errors.ts";

/** The template names a placeholder no value was given for. */
export class MissingTemplateValue extends GuildError {
  constructor(name: string) {
    super(`prompt template placeholder {{${name}}} has no value`, { name });
  }
}

/**
 * Replaces each `{{name}}` in `template` with `values[name]`. One pass over the template: a value that
 * itself contains `{{…}}` (content under assessment can) is inserted as written, never expanded.
 * @throws MissingTemplateValue for a placeholder without a value
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw new MissingTemplateValue(name);
    return value;
  });
}

/** A weight in basis points as a percentage for a prompt: 3500 → "35%", 3333 → "33.33%". */
export function formatWeight(weightBps: number): string {
  const whole = Math.floor(weightBps / 100);
  const rest = weightBps % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}%`;
}
