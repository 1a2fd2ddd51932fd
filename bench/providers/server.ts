import { mkdtempSync, rmSync } from 'node:fs';
import { copyBuild, ensureCurrentBuild as ensureBuild, startBuiltServer, type RunningServer } from '../../tests/support/built-server';

/**
 * The built portal in a child process, for as long as a benchmark runs (the process handling
 * itself lives in tests/support/built-server.ts, shared with the server tests).
 */

export { copyBuild, signIn, type RunningServer } from '../../tests/support/built-server';

/** Builds first when build/ is missing or older than migrations/, or when --build was given. */
export const ensureCurrentBuild = () => ensureBuild(process.argv.includes('--build'));

/** The built server on a SQLite file, with the demo data (NODE_ENV unset: demo data is refused in production). */
export function startServer(appDir: string, databaseFile: string, nodeArgs: string[] = []): Promise<RunningServer> {
	return startBuiltServer({ appDir, databaseUrl: `file:${databaseFile}`, nodeArgs });
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
