// The errors of finding duplicates: a malformed item or option, named with its value.
import { GuildError } from "../errors.ts";

/** An item given to findDuplicates is malformed: `index` is its position, `field` the field at fault. */
export class InvalidDuplicateItem extends GuildError {
  constructor(index: number, field: string, value: unknown, reason: string) {
    super(`duplicate item ${index}: ${field} ${reason}`, { index, field, value, reason });
  }
}

/** An option of findDuplicates is out of range: `option` names it, `value` holds it. */
export class InvalidDuplicatesOptions extends GuildError {
  constructor(option: string, value: unknown, reason: string) {
    super(`findDuplicates option ${option} ${reason} (got ${String(value)})`, { option, value, reason });
  }
}
