import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * The built portal in a child process, for as long as the benchmark runs. It runs from a copy of
 * `build/` (as the browser tests do), so that a rebuild in the same checkout during the run cannot
 * swap files under it.
 */

/** build/ holds the server of the current code: it exists and bundles every migration. */
function buildIsCurrent(): boolean {
	if (!existsSync('build/index.js')) return false;
	const bundled = readdirSync('build/server', { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.js'))
		.map((file) => readFileSync(`build/server/${file}`, 'utf8'))
		.join('\n');
	return readdirSync('migrations')
		.filter((file) => file.endsWith('.ts'))
		.every((file) => bundled.includes(`/migrations/${file}`));
}

/** Builds first when build/ is missing or older than migrations/, or when --build was given. */
export function ensureCurrentBuild(): void {
	if (process.argv.includes('--build') || !buildIsCurrent()) {
		console.log('Building (build/ is missing, older than migrations/, or --build was given)…');
		execSync('npm run build', { stdio: 'inherit' });
	}
}

export interface RunningServer {
	origin: string;
	/** CPU time the server process has used so far, in ms (Linux), or null where unknown. */
	cpuMs(): number | null;
	stop(): Promise<void>;
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

export async function startServer(appDir: string, databaseFile: string, nodeArgs: string[] = []): Promise<RunningServer> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = { ...process.env, REGIE_DEMO: '1', DATABASE_URL: `file:${databaseFile}`, PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin };
	delete env.NODE_ENV; // demo data is refused in production
	const child = spawn(process.execPath, [...nodeArgs, appDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
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
	return { origin, stop, cpuMs: () => processCpuMs(child.pid) };
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

async function waitUntilHealthy(origin: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
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
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
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
	const session = response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0]!)
		.find((cookie) => cookie.startsWith('regie_session=') && cookie.length > 'regie_session='.length);
	if (response.status !== 303 || !session) throw new Error(`sign-in as ${email} failed: HTTP ${response.status}`);
	return session;
}

/** A scratch folder with a database file and at most one server, for one benchmark run. */
export interface BenchWorkspace {
	workDir: string;
	/** The SQLite file the server uses. */
	file: string;
	/** Starts the built server (a copy of build/) on the workspace's database. */
	start(nodeArgs?: string[]): Promise<RunningServer>;
	stopServer(): Promise<void>;
	/** Stops the server and removes the folder; also run on Ctrl-C. */
	cleanUp(): Promise<void>;
}

export function benchWorkspace(prefix: string): BenchWorkspace {
	const workDir = mkdtempSync(`/tmp/${prefix}-`);
	const file = `${workDir}/regie.db`;
	let server: RunningServer | undefined;
	const stopServer = async () => {
		await server?.stop();
		server = undefined;
	};
	const cleanUp = async () => {
		await stopServer();
		rmSync(workDir, { recursive: true, force: true });
	};
	const interrupted = () => void cleanUp().finally(() => process.exit(130));
	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);
	return {
		workDir,
		file,
		async start(nodeArgs = []) {
			server = await startServer(copyBuild(workDir), file, nodeArgs);
			return server;
		},
		stopServer,
		cleanUp
	};
}
