import { hash, verify } from '@node-rs/argon2';

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 iterations). */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

// A hash of a random password, verified against when the account does not exist, so that an
// unknown e-mail address takes as long to refuse as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
	if (!storedHash) {
		decoyHash ??= hashPassword(crypto.randomUUID());
		await verify(await decoyHash, password).catch(() => false);
		return false;
	}
	return verify(storedHash, password).catch(() => false);
}
