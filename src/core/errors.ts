// The one error base class: every failure Guild reports is a GuildError subclass carrying its values.

/** Base of every error Guild throws; `details` holds the values that explain it. */
export class GuildError extends Error {
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.details = details;
  }
}
