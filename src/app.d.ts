import type { Actor } from '$lib/domain/actor';
import type { Db } from '$lib/server/db';

declare global {
	namespace App {
		interface Locals {
			db: Db;
			actor: Actor;
			sessionId: string | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
