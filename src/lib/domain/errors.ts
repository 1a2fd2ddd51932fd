/**
 * Errors with a meaning, thrown by services and mapped to HTTP answers and translated messages in
 * one place (`$lib/server/http`). `Invalid` carries message keys per field, never UI text.
 */
export class DomainError extends Error {}

/** The actor may not do this (HTTP 403). */
export class Forbidden extends DomainError {
	constructor(what = 'forbidden') {
		super(what);
	}
}

/** The object does not exist, or the actor may not know it exists (HTTP 404). */
export class NotFound extends DomainError {
	constructor(what = 'not found') {
		super(what);
	}
}

/** Input that passed the schema but breaks a rule that needs the database (HTTP 400). */
export class Invalid extends DomainError {
	constructor(readonly fields: Record<string, string>) {
		super(`invalid: ${Object.keys(fields).join(', ')}`);
	}
}

/**
 * Someone else changed the object since the actor read it (HTTP 409): nothing was written.
 * `details` tells the route what to show ("changed by X at 14:05 — this is what changed").
 */
export class Conflict<Details = unknown> extends DomainError {
	constructor(readonly details: Details) {
		super('conflict');
	}
}
