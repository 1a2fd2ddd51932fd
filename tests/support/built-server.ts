import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import pg from 'pg';

/**
 * The built portal (`node build`) in a child process, for the benchmarks and for the tests that
 * need a real server process: several instances on one database, `kill -9`, the authorization
 * matrix. It runs from a copy of `build/` (as the browser tests do), so that a rebuild in the same
 * checkout cannot swap files under a running server.
 */

/** build/ holds the server of the current code: it exists and bundles every migration. */
export function buildIsCurrent(): boolean {
	if (!existsSync('build/index.js')) return false;
	const bundled = readdirSync('build/server', { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.js'))
		.map((file) => readFileSync(`build/server/${file}`, 'utf8'))
		.join('\n');
	return readdirSync('migrations')
		.filter((file) => file.endsWith('.ts'))
		.every((file) => bundled.includes(`/migrations/${file}`));
}

/** Builds first when build/ is missing or older than migrations/, or when `force` is set. */
export function ensureCurrentBuild(force = false): void {
	if (force || !buildIsCurrent()) {
		console.log('Building (build/ is missing or older than migrations/)…');
		execSync('npm run build', { stdio: 'inherit' });
	}
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

/** Copy `build/` into `workDir/app`, resolving packages from the project's node_modules. */
export function copyBuild(workDir: string): string {
	const app = join(workDir, 'app');
	cpSync('build', app, { recursive: true });
	writeFileSync(join(workDir, 'package.json'), JSON.stringify({ type: 'module' }));
	symlinkSync(resolve('node_modules'), join(workDir, 'node_modules'), 'dir');
	return app;
}

export interface RunningServer {
	origin: string;
	port: number;
	/** Everything the process printed so far. */
	output(): string;
	/** CPU time the server process has used so far, in ms (Linux), or null where unknown. */
	cpuMs(): number | null;
	/** SIGTERM, then SIGKILL after 1 s. */
	stop(): Promise<void>;
	/** `kill -9`: no clean-up of any kind, as a crash or a power cut. */
	kill(): Promise<void>;
}

export interface StartOptions {
	appDir: string;
	/** `file:/path/regie.db` or `postgres://…` */
	databaseUrl: string;
	/** Extra environment, e.g. `{ REGIE_DEMO: '0' }`; REGIE_DEMO defaults to 1. */
	env?: Record<string, string>;
	nodeArgs?: string[];
	/** Listen on this port (a restart on the same address); a free one by default. */
	port?: number;
}

export async function startBuiltServer(options: StartOptions): Promise<RunningServer> {
	const port = options.port ?? (await freePort());
	const origin = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		REGIE_DEMO: '1',
		NODE_ENV: 'test',
		DATABASE_URL: options.databaseUrl,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		...options.env
	};
	// The test runner's own database settings must never leak into the server.
	delete env.TEST_DATABASE_URL;
	const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.appDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	const stop = () => stopProcess(child);
	try {
		await waitUntilHealthy(origin, child);
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
	}
	return {
		origin,
		port,
		output: () => output,
		stop,
		async kill() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGKILL');
			await exited;
		},
		cpuMs: () => processCpuMs(child.pid)
	};
}

const clockTicksPerSecond = (() => {
	try {
		return Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

/** User + system time of a process from /proc, so that CPU per request can be told apart from waiting. */
function processCpuMs(pid: number | undefined): number | null {
	try {
		// The command name (field 2) may hold spaces; the fields after its closing bracket are fixed.
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
	} catch {
		return null;
	}
}

async function waitUntilHealthy(origin: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the server stopped with exit code ${child.exitCode}`);
		try {
			if ((await fetch(`${origin}/healthz`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	// On SQLite the server is gone within 0.1 s. On PostgreSQL it lingers for the pool's idle
	// timeout (10 s) with nothing left to do: the requests were answered, the connections are idle.
	const timer = setTimeout(() => child.kill('SIGKILL'), 1_000);
	await exited;
	clearTimeout(timer);
}

/** Sign in as a form without JavaScript would, and return the `Cookie` header of the session. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${origin}/login`, {
		method: 'POST',
		// As a browser posts a form; with another Accept, SvelteKit answers as to an enhanced form (200, JSON).
		headers: { Origin: origin, Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
	const session = sessionFrom(response);
	if (response.status !== 303 || !session) throw new Error(`sign-in as ${email} failed: HTTP ${response.status}`);
	return session;
}

/** The new session cookie (`regie_session=…`) an answer sets, if any. */
export function sessionFrom(response: Response): string | undefined {
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0]!)
		.find((cookie) => cookie.startsWith('regie_session=') && cookie.length > 'regie_session='.length);
}

/** The database of one server test: a SQLite file in a scratch folder, or a new PostgreSQL database. */
export interface ServerDatabase {
	engine: 'sqlite' | 'postgres';
	/** What the server gets as DATABASE_URL. */
	url: string;
	/** The SQLite file (sqlite only). */
	file?: string;
	drop(): Promise<void>;
}

/**
 * PostgreSQL when TEST_DATABASE_URL is set (a new database beside it, dropped again), otherwise a
 * SQLite file in `workDir`. A separate database, not a schema: the server takes only DATABASE_URL.
 */
async function freshServerDatabase(workDir: string): Promise<ServerDatabase> {
	const testUrl = process.env.TEST_DATABASE_URL;
	if (!testUrl) {
		const file = join(workDir, 'regie.db');
		return { engine: 'sqlite', url: `file:${file}`, file, drop: async () => {} };
	}
	const name = `regie_srv_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
	const admin = new pg.Client({ connectionString: testUrl });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	const url = new URL(testUrl);
	url.pathname = `/${name}`;
	return {
		engine: 'postgres',
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: testUrl });
			await client.connect();
			try {
				// Wait for connections that are still closing (a pool just ended, a server just
				// stopped) rather than cut them: a cut one raises an error in the process that held it.
				for (let attempt = 0; attempt < 50; attempt++) {
					try {
						await client.query(`DROP DATABASE IF EXISTS ${name}`);
						return;
					} catch (caught) {
						if ((caught as { code?: string }).code !== '55006') throw caught; // 55006: still in use
						await new Promise((resolve) => setTimeout(resolve, 100));
					}
				}
				await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			} finally {
				await client.end();
			}
		}
	};
}

/** A scratch folder with a copy of build/ and a fresh database; `cleanUp` stops nothing by itself. */
export interface ServerWorkspace {
	workDir: string;
	appDir: string;
	database: ServerDatabase;
	start(options?: Omit<StartOptions, 'appDir' | 'databaseUrl'>): Promise<RunningServer>;
	cleanUp(): Promise<void>;
}

export async function serverWorkspace(prefix: string): Promise<ServerWorkspace> {
	if (!buildIsCurrent()) throw new Error('build/ is missing or older than migrations/: run `npm run build` first');
	const workDir = mkdtempSync(`/tmp/${prefix}-`);
	const appDir = copyBuild(workDir);
	const database = await freshServerDatabase(workDir);
	return {
		workDir,
		appDir,
		database,
		start: (options = {}) => startBuiltServer({ ...options, appDir, databaseUrl: database.url }),
		async cleanUp() {
			await database.drop();
			rmSync(workDir, { recursive: true, force: true });
		}
	};
}
