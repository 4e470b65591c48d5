/**
 * Start, find and stop the local AWS emulator: moto's server plus the cdk-sts-kit CloudFormation extensions
 * (scripts/emulator/sts_kit_moto), listening on 127.0.0.1 only.
 *
 * One emulator per state directory (default `<repo>/.emulator`): its PID and port are recorded in
 * `state.json` there, its output goes to `emulator.log`, and it is stopped by that PID (its process group).
 *
 * @see README.md, "The local AWS emulator"
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

/** The only address the emulator listens on. */
export const EMULATOR_HOST = '127.0.0.1';
/** Port used when none is given and it is free (LocalStack's customary port). */
export const DEFAULT_EMULATOR_PORT = 4566;

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PYTHON_DIR = __dirname; // holds the sts_kit_moto package

export interface StartEmulatorOptions {
  /**
   * Port on 127.0.0.1. Start fails if it is taken by anything but this state directory's emulator.
   * @default - env STS_KIT_EMULATOR_PORT, else 4566 when free, else a free port chosen by the OS
   */
  readonly port?: number;
  /**
   * Directory for state.json and emulator.log.
   * @default - env STS_KIT_EMULATOR_STATE_DIR, else `<repo>/.emulator`
   */
  readonly stateDir?: string;
  /**
   * Python interpreter that has moto 5.2.x.
   * @default - env STS_KIT_EMULATOR_PYTHON, else `python3`
   */
  readonly python?: string;
  /**
   * The Unix socket of a fork server (`python3 -m sts_kit_moto.server --fork-server SOCKET`, see
   * scripts/emulator/sts_kit_moto/fork_server.py): the emulator is forked from that process, which has imported moto
   * already, instead of started as a new Python, saving about 2.5 s of CPU per start. The first start that finds no
   * fork server starts it (its PID in `<SOCKET>.pid`, its output in `<SOCKET>.log`) and waits for it; later starts
   * fork at once. When the fork server died (for example, moto is missing) or its socket does not answer, the
   * emulator is started as a new Python, which says what is wrong. Not used when `python` is given; `''` starts a
   * new Python even when the environment variable is set. The test run sets the environment variable
   * (test/support/global-setup.js) and stops the fork server at its end.
   * @default - env STS_KIT_EMULATOR_FORK_SERVER, else none
   */
  readonly forkServer?: string;
  /**
   * How long to wait for the emulator to answer.
   * @default 30000
   */
  readonly startTimeoutMs?: number;
  /**
   * How long one health check of an emulator recorded in the state directory waits for an answer; it is asked three
   * times before it is called "not answering" (one check can time out on a loaded machine).
   * @default 2000
   */
  readonly healthCheckTimeoutMs?: number;
}

export interface EmulatorHandle {
  /** `http://127.0.0.1:<port>`: use as AWS_ENDPOINT_URL / the SDK `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** PID of the emulator process (also its process group id). */
  readonly pid: number;
  /** true when a running emulator was found and reused instead of started. */
  readonly reused: boolean;
  readonly stateDir: string;
  readonly logFile: string;
  /** Stop this emulator (by its PID) and remove its state file. */
  stop(): Promise<void>;
}

export interface EmulatorStatus {
  /** The recorded emulator answers its health check. */
  readonly running: boolean;
  /** The recorded process is alive and is the emulator (it may still not answer: `alive && !running`). */
  readonly alive: boolean;
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  readonly stateFile: string;
  readonly logFile: string;
}

export interface EmulatorStateOptions {
  /** @default - env STS_KIT_EMULATOR_STATE_DIR, else `<repo>/.emulator` */
  readonly stateDir?: string;
}

interface EmulatorState {
  readonly pid: number;
  readonly port: number;
  readonly endpoint: string;
  readonly logFile: string;
  readonly startedAt: string;
}

interface HealthInfo {
  readonly emulator: string;
  readonly pid: number;
  readonly port: number;
}

export function resolveStateDir(stateDir?: string): string {
  return path.resolve(stateDir ?? process.env.STS_KIT_EMULATOR_STATE_DIR ?? path.join(REPO_ROOT, '.emulator'));
}

function stateFileOf(stateDir: string): string {
  return path.join(stateDir, 'state.json');
}

function endpointOf(port: number): string {
  return `http://${EMULATOR_HOST}:${port}`;
}

function readState(stateDir: string): EmulatorState | undefined {
  try {
    const state = JSON.parse(fs.readFileSync(stateFileOf(stateDir), 'utf8')) as EmulatorState;
    return Number.isInteger(state.pid) && Number.isInteger(state.port) ? state : undefined;
  } catch {
    return undefined;
  }
}

function removeState(stateDir: string): void {
  fs.rmSync(stateFileOf(stateDir), { force: true });
}

function parsePort(value: string | number | undefined, source: string): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Invalid emulator port from ${source}: ${JSON.stringify(value)}; expected an integer 1-65535`);
  }
  return port;
}

/** Whether a process exists and is not a zombie. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return processState(pid) !== 'Z';
}

/** The state letter of /proc/<pid>/stat (`R`, `S`, `T` stopped, `Z` zombie, ...); undefined without /proc. */
function processState(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined; // no /proc: trust kill(0)
  }
}

/** Whether the process is stopped (SIGSTOP, Ctrl-Z, a debugger): it answers nothing until it is continued. */
function isStopped(pid: number): boolean {
  const state = processState(pid);
  return state === 'T' || state === 't';
}

/** Whether the process's command line shows it is our emulator (guards against a recycled PID). */
export function looksLikeEmulator(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('sts_kit_moto.server');
  } catch {
    return true; // no /proc: rely on the health check instead
  }
}

/** Resolves true when nothing listens on 127.0.0.1:port. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: EMULATOR_HOST, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port that is free on 127.0.0.1 right now, chosen by the OS. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: EMULATOR_HOST }, () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** GET /sts-kit/health; undefined unless a cdk-sts-kit emulator answers on that port. */
export function probeEmulator(port: number, timeoutMs = 1000): Promise<HealthInfo | undefined> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: EMULATOR_HOST, port, path: '/sts-kit/health', timeout: timeoutMs, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          try {
            const info = JSON.parse(body) as HealthInfo;
            resolve(response.statusCode === 200 && info.emulator === 'cdk-sts-kit' ? info : undefined);
          } catch {
            resolve(undefined);
          }
        });
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

const HEALTH_CHECK_TIMEOUT_MS = 2000;

/**
 * Probe a recorded emulator a few times before calling it "not answering": on a loaded machine one health check can
 * time out although the emulator is fine. A stopped process is not answering at once.
 */
async function probeRecorded(
  state: EmulatorState,
  attempts: number,
  timeoutMs = HEALTH_CHECK_TIMEOUT_MS,
): Promise<HealthInfo | undefined> {
  if (isStopped(state.pid)) return undefined; // no need to wait for time-outs
  for (let i = 0; i < attempts; i++) {
    const info = await probeEmulator(state.port, timeoutMs);
    if (info?.pid === state.pid || !isProcessAlive(state.pid)) return info;
  }
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function logTail(logFile: string, lines = 20): string {
  try {
    return fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function handleFor(state: EmulatorState, stateDir: string, reused: boolean): EmulatorHandle {
  return {
    endpoint: state.endpoint,
    port: state.port,
    pid: state.pid,
    reused,
    stateDir,
    logFile: state.logFile,
    stop: async () => {
      await stopEmulatorProcess(state.pid);
      const current = readState(stateDir);
      if (current?.pid === state.pid) {
        removeState(stateDir);
      }
    },
  };
}

/**
 * The PID of the process listening on 127.0.0.1:port, from /proc (Linux); undefined when it cannot be told
 * (no /proc, or the socket belongs to another user).
 */
export function listeningPid(port: number): number | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 9 && cols[3] === '0A' && parseInt(cols[1].split(':')[1] ?? '', 16) === port)
        inodes.add(cols[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return Number(pid);
      } catch {
        // the descriptor closed meanwhile
      }
    }
  }
  return undefined;
}

/** Where a running emulator process writes its output (its stdout), if /proc tells. */
function logOfProcess(pid: number): string {
  try {
    return fs.readlinkSync(`/proc/${pid}/fd/1`);
  } catch {
    return 'unknown';
  }
}

/** `npm run emulator -- stop` with the state directory when it is not the default one. */
function stopCommand(stateDir: string): string {
  return resolveStateDir(undefined) === stateDir
    ? 'npm run emulator -- stop'
    : `npm run emulator -- stop --state-dir ${stateDir}`;
}

async function describePortOwner(port: number): Promise<{ text: string; emulatorPid?: number }> {
  const info = await probeEmulator(port);
  if (info) {
    return {
      text: `another cdk-sts-kit emulator (pid ${info.pid}) that is not the one recorded in this state directory`,
    };
  }
  const pid = listeningPid(port);
  if (pid !== undefined && looksLikeEmulator(pid)) {
    return {
      text: `a cdk-sts-kit emulator that is not answering (pid ${pid}, log ${logOfProcess(pid)})`,
      emulatorPid: pid,
    };
  }
  return { text: `another program (not a cdk-sts-kit emulator${pid !== undefined ? `; pid ${pid}` : ''})` };
}

async function portTakenError(port: number, source: string, stateDir: string): Promise<Error> {
  const owner = await describePortOwner(port);
  const free = await findFreePort();
  const stop = owner.emulatorPid !== undefined ? `Stop it (kill ${owner.emulatorPid}) or choose` : 'Choose';
  return new Error(
    `Cannot start the emulator: port ${port} on ${EMULATOR_HOST} (from ${source}) is already in use by ${owner.text}. ` +
      `${stop} another port: npm run demo -- --port ${free}, npm run emulator -- start --port ${free} or ` +
      `STS_KIT_EMULATOR_PORT=${free} (free now). State directory: ${stateDir}`,
  );
}

function notAnsweringError(state: EmulatorState, stateDir: string): Error {
  return new Error(
    `The cdk-sts-kit emulator recorded in ${stateFileOf(stateDir)} is alive but does not answer on ${state.endpoint}: ` +
      `emulator not answering (pid ${state.pid}, log ${state.logFile}). Its state is kept. Look at the end of the log, ` +
      `then stop it with \`${stopCommand(stateDir)}\` and start again.`,
  );
}

/** Exit code of `python3 -m sts_kit_moto.server` when moto (or its server extras) cannot be imported. */
const EXIT_MISSING_MODULE = 3;

/** The message for a Python that cannot import moto or its server extras (`module`). */
export function missingModuleMessage(python: string, module: string): string {
  return (
    `${python} cannot import ${module}: the emulator needs moto 5.2.x with its server extras. Install them into that ` +
    "interpreter (e.g. python3 -m pip install 'moto[server]==5.2.1'), or set STS_KIT_EMULATOR_PYTHON to an interpreter " +
    'that has them.'
  );
}

function startLockOf(stateDir: string): string {
  return path.join(stateDir, 'start.lock');
}

/**
 * One start at a time per state directory: `start.lock` holds the starting process's PID (created exclusively).
 * A lock whose process is gone is taken over. Resolves with the release function.
 */
async function acquireStartLock(stateDir: string, timeoutMs: number): Promise<() => void> {
  const lockFile = startLockOf(stateDir);
  const deadline = Date.now() + timeoutMs;
  while (true) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (!released) fs.rmSync(lockFile, { force: true });
        released = true;
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder: number;
    try {
      holder = parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
    } catch {
      continue; // released meanwhile
    }
    if (!Number.isInteger(holder) || !isProcessAlive(holder)) {
      fs.rmSync(lockFile, { force: true }); // left by a process that is gone
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Another start of the emulator (pid ${holder}) holds ${lockFile} for more than ${timeoutMs} ms. ` +
          'Wait for it, or remove that file if no start is running.',
      );
    }
    await sleep(100);
  }
}

/**
 * Start the emulator, or reuse the one recorded in the state directory if it is alive and answers.
 *
 * @example
 * const emulator = await startEmulator({ port: 4566 });
 * process.env.AWS_ENDPOINT_URL = emulator.endpoint;
 * // ... deploy, test ...
 * await emulator.stop();
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<EmulatorHandle> {
  const stateDir = resolveStateDir(options.stateDir);
  const explicit = parsePort(options.port, 'the port option');
  const requested = explicit ?? parsePort(process.env.STS_KIT_EMULATOR_PORT, 'STS_KIT_EMULATOR_PORT');
  const source = explicit !== undefined ? '--port' : 'STS_KIT_EMULATOR_PORT';
  const timeoutMs = options.startTimeoutMs ?? 30_000;

  fs.mkdirSync(stateDir, { recursive: true });
  const release = await acquireStartLock(stateDir, timeoutMs + 5_000);
  try {
    const existing = readState(stateDir);
    if (existing) {
      if (isProcessAlive(existing.pid) && looksLikeEmulator(existing.pid)) {
        const info = await probeRecorded(existing, 3, options.healthCheckTimeoutMs);
        if (!info || info.pid !== existing.pid) {
          throw notAnsweringError(existing, stateDir); // never drop the state of a live emulator
        }
        // A port that only comes from STS_KIT_EMULATOR_PORT is a preference for a new start, not a demand.
        if (explicit === undefined || explicit === existing.port) {
          return handleFor(existing, stateDir, true);
        }
        throw new Error(
          `The emulator recorded in ${stateFileOf(stateDir)} is already running on port ${existing.port} ` +
            `(pid ${existing.pid}), not on the requested port ${explicit}. Stop it first ` +
            `(${stopCommand(stateDir)}) or use its port.`,
        );
      }
      removeState(stateDir); // stale: the process is gone, or its PID now belongs to another program
    }
    return await spawnEmulator(stateDir, requested, source, options, timeoutMs);
  } finally {
    release();
  }
}

/** The environment of an emulator's Python (and of the fork server's). */
function emulatorPythonEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PYTHONPATH: [PYTHON_DIR, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter),
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    ...extra,
  };
  delete env.MOTO_ACCOUNT_ID; // would put every request in one account (README.md, "The local AWS emulator")
  return env;
}

async function spawnEmulator(
  stateDir: string,
  requested: number | undefined,
  source: string,
  options: StartEmulatorOptions,
  timeoutMs: number,
): Promise<EmulatorHandle> {
  const deadline = Date.now() + timeoutMs;
  let port: number;
  if (requested !== undefined) {
    if (!(await isPortFree(requested))) {
      throw await portTakenError(requested, source, stateDir);
    }
    port = requested;
  } else {
    port = (await isPortFree(DEFAULT_EMULATOR_PORT)) ? DEFAULT_EMULATOR_PORT : await findFreePort();
  }

  const logFile = path.join(stateDir, 'emulator.log');
  const logFd = fs.openSync(logFile, 'a');
  fs.writeSync(logFd, `\n--- ${new Date().toISOString()} starting cdk-sts-kit emulator on ${endpointOf(port)}\n`);
  const env = emulatorPythonEnv({ STS_KIT_EMULATOR_PORT: String(port) });
  const python = options.python ?? process.env.STS_KIT_EMULATOR_PYTHON ?? 'python3';
  const forkServer =
    options.python === undefined ? (options.forkServer ?? process.env.STS_KIT_EMULATOR_FORK_SERVER) : undefined;
  const forkedPid = forkServer
    ? await forkFromServer(forkServer, { port, log: logFile, cwd: PYTHON_DIR, env }, python, deadline)
    : undefined;
  let pid: number;
  let exited: () => string | undefined;
  let exitCode: number | null = null;
  let spawnError: Error | undefined;
  if (forkedPid !== undefined) {
    fs.closeSync(logFd);
    pid = forkedPid;
    exited = () => (isProcessAlive(pid) ? undefined : 'it is gone');
  } else {
    const child = spawn(python, ['-m', 'sts_kit_moto.server', '--port', String(port)], {
      cwd: PYTHON_DIR,
      env,
      detached: true, // own process group: stop() signals the whole group
      stdio: ['ignore', logFd, logFd],
    });
    fs.closeSync(logFd);
    let exitedAs: string | undefined;
    child.once('exit', (code, signal) => {
      exitCode = code;
      exitedAs = signal ? `signal ${signal}` : `exit code ${code}`;
    });
    child.once('error', (e) => (spawnError = e));
    child.unref();
    pid = child.pid!;
    exited = () => exitedAs;
  }

  while (true) {
    if (spawnError) {
      throw new Error(`Cannot run ${python} for the emulator: ${spawnError.message}`);
    }
    const exit = exited();
    if (exit) {
      const tail = logTail(logFile);
      const missing = /^sts-kit-emulator: missing module: (\S+)$/m.exec(tail);
      if (exitCode === EXIT_MISSING_MODULE && missing) {
        throw new Error(missingModuleMessage(python, missing[1]));
      }
      throw new Error(`The emulator exited during start-up (${exit}). Last lines of ${logFile}:\n${tail}`);
    }
    const info = await probeEmulator(port, 500);
    if (info && info.pid === pid) {
      break;
    }
    if (Date.now() > deadline) {
      await stopEmulatorProcess(pid);
      throw new Error(
        `The emulator did not answer on ${endpointOf(port)} within ${timeoutMs} ms. Last lines of ${logFile}:\n${logTail(logFile)}`,
      );
    }
    await sleep(100);
  }

  const state: EmulatorState = {
    pid,
    port,
    endpoint: endpointOf(port),
    logFile,
    startedAt: new Date().toISOString(),
  };
  fs.writeFileSync(stateFileOf(stateDir), JSON.stringify(state, undefined, 2) + '\n');
  return handleFor(state, stateDir, false);
}

/** What a fork server needs to start an emulator (fork_server.py). */
interface ForkRequest {
  readonly port: number;
  readonly log: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The PID of an emulator forked by the fork server on `socketPath`, starting that fork server first when nobody has
 * (its PID goes to `<socketPath>.pid`, its output to `<socketPath>.log`). Undefined when there is none to ask: a fork
 * server that died (moto missing, a socket path too long) or a socket nobody answers on; the caller then starts a new
 * Python, which reports what is wrong.
 */
async function forkFromServer(
  socketPath: string,
  request: ForkRequest,
  python: string,
  deadline: number,
): Promise<number | undefined> {
  const pidFile = `${socketPath}.pid`;
  for (;;) {
    if (fs.existsSync(socketPath)) {
      const answer = await askForkServer(socketPath, request);
      if (answer === undefined) return undefined;
      if (typeof answer.pid === 'number') return answer.pid;
      throw new Error(`The emulator fork server on ${socketPath} could not fork an emulator: ${answer.error}`);
    }
    let recorded: string | undefined;
    try {
      recorded = fs.readFileSync(pidFile, 'utf8');
    } catch {
      recorded = undefined;
    }
    if (recorded === undefined) {
      startForkServer(socketPath, python);
    } else if (recorded !== '') {
      const pid = parseInt(recorded, 10);
      if (!Number.isInteger(pid) || !isProcessAlive(pid)) return undefined; // it failed: do not start it again
    }
    if (Date.now() > deadline) return undefined;
    await sleep(50); // it is importing moto (or its PID is being written)
  }
}

/** Start the fork server unless another start claimed `<socketPath>.pid` first. */
function startForkServer(socketPath: string, python: string): void {
  let fd: number;
  try {
    fd = fs.openSync(`${socketPath}.pid`, 'wx');
  } catch {
    return; // claimed by another start
  }
  try {
    const log = fs.openSync(`${socketPath}.log`, 'a');
    const child = spawn(python, ['-m', 'sts_kit_moto.server', '--fork-server', socketPath], {
      cwd: PYTHON_DIR,
      env: emulatorPythonEnv(),
      detached: true,
      stdio: ['ignore', log, log],
    });
    fs.closeSync(log);
    child.on('error', () => undefined); // no such interpreter: no PID, so 'none' is recorded and starts fall back
    child.unref();
    fs.writeSync(fd, child.pid === undefined ? 'none' : String(child.pid));
  } finally {
    fs.closeSync(fd);
  }
}

function askForkServer(
  socketPath: string,
  request: ForkRequest,
): Promise<{ pid?: number; error?: string } | undefined> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.createConnection(socketPath, () => socket.end(`${JSON.stringify(request)}\n`));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => resolve(undefined)); // e.g. a socket file left by a fork server that is gone
    socket.on('close', () => {
      try {
        resolve(JSON.parse(answer));
      } catch {
        resolve(undefined);
      }
    });
  });
}

/** SIGTERM the process group, wait up to `graceMs`, then SIGKILL it. Resolves once the process is gone. */
export async function stopEmulatorProcess(pid: number, graceMs = 5000): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  };
  if (!isProcessAlive(pid)) {
    return;
  }
  signalGroup('SIGTERM');
  signalGroup('SIGCONT'); // a stopped (SIGSTOP, Ctrl-Z) emulator handles SIGTERM only once it runs again
  const deadline = Date.now() + graceMs;
  while (isProcessAlive(pid) && Date.now() < deadline) {
    await sleep(50);
  }
  if (isProcessAlive(pid)) {
    signalGroup('SIGKILL');
    while (isProcessAlive(pid)) {
      await sleep(50);
    }
  }
}

/**
 * Stop the emulator recorded in the state directory, by its PID. Resolves true if one was stopped, false if
 * none was running (a stale state file is removed either way).
 */
export async function stopEmulator(options: EmulatorStateOptions = {}): Promise<boolean> {
  const stateDir = resolveStateDir(options.stateDir);
  const state = readState(stateDir);
  if (!state) {
    return false;
  }
  let stopped = false;
  if (isProcessAlive(state.pid) && looksLikeEmulator(state.pid)) {
    await stopEmulatorProcess(state.pid);
    stopped = true;
  }
  removeState(stateDir);
  return stopped;
}

/** The emulator recorded in the state directory, or undefined if none is recorded. */
export async function emulatorStatus(options: EmulatorStateOptions = {}): Promise<EmulatorStatus | undefined> {
  const stateDir = resolveStateDir(options.stateDir);
  const state = readState(stateDir);
  if (!state) {
    return undefined;
  }
  const alive = isProcessAlive(state.pid) && looksLikeEmulator(state.pid);
  const info = alive ? await probeRecorded(state, 2) : undefined;
  return {
    running: info?.pid === state.pid,
    alive,
    endpoint: state.endpoint,
    port: state.port,
    pid: state.pid,
    stateFile: stateFileOf(stateDir),
    logFile: state.logFile,
  };
}
