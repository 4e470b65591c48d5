import { execFile, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  EmulatorHandle,
  emulatorStatus,
  findFreePort,
  isPortFree,
  isProcessAlive,
  probeEmulator,
  startEmulator,
  stopEmulator,
} from '../../scripts/emulator/emulator';
import { credentialsForAccount, emulatorProcessEnv } from '../../scripts/emulator/env';
import { sdkConfig } from './helpers';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '..', '..');

const tempDirs: string[] = [];

function tempStateDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sts-kit-emulator-test-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A plain TCP server holding a port: "something that is not the emulator". */
async function occupyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** The parent PID and the process group of a process, from /proc (Linux). */
function processStatus(pid: number): { parent: number; group: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const [, parent, group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { parent: Number(parent), group: Number(group) };
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A python3 without its site-packages (so without moto): a stand-in that fails fast. */
function pythonWithoutMoto(dir: string): string {
  const python = path.join(dir, 'python-without-moto');
  fs.writeFileSync(python, '#!/bin/sh\nexec python3 -S "$@"\n', { mode: 0o755 });
  return python;
}

describe('emulator lifecycle', () => {
  const stateDir = tempStateDir();
  let emulator: EmulatorHandle;

  beforeAll(async () => {
    // a new Python process, as `npm run demo` starts it (this test run has a fork server: see 'the fork server' below)
    emulator = await startEmulator({ port: await findFreePort(), stateDir, forkServer: '' });
  }, 60_000);

  afterAll(async () => {
    await emulator?.stop();
  }, 20_000);

  test('starts on 127.0.0.1, answers, and records its pid and port in state.json', async () => {
    // THEN
    expect(emulator.endpoint).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.reused).toBe(false);
    expect(isProcessAlive(emulator.pid)).toBe(true);
    expect(processStatus(emulator.pid)).toMatchObject({ parent: process.pid, group: emulator.pid });
    expect(await probeEmulator(emulator.port)).toMatchObject({
      emulator: 'cdk-sts-kit',
      pid: emulator.pid,
      port: emulator.port,
    });
    const state = JSON.parse(fs.readFileSync(path.join(stateDir, 'state.json'), 'utf8'));
    expect(state).toMatchObject({ pid: emulator.pid, port: emulator.port, endpoint: emulator.endpoint });
    expect(fs.readFileSync(emulator.logFile, 'utf8')).toContain(`cdk-sts-kit emulator pid ${emulator.pid}`);
    expect(await emulatorStatus({ stateDir })).toMatchObject({ running: true, pid: emulator.pid, port: emulator.port });
  });

  test('serves AWS APIs: STS answers with the default account for dummy keys', async () => {
    // GIVEN
    const sts = new STSClient(sdkConfig(emulator.endpoint));
    // WHEN
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    // THEN
    expect(identity.Account).toBe('123456789012');
  });

  test("CloudTrail LookupEvents answers an empty list (the CDK CLI asks after a failed deploy; moto's HTTP 500 made it retry for ~26 s)", async () => {
    // GIVEN boto3 (the AWS SDK for JavaScript has no CloudTrail client installed here), no retries
    const script = [
      'import boto3, botocore.config, json, sys',
      'c = boto3.client("cloudtrail", endpoint_url=sys.argv[1], region_name="us-east-1",',
      '    aws_access_key_id="testing", aws_secret_access_key="testing",',
      '    config=botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}))',
      'print(json.dumps(c.lookup_events(MaxResults=5)["Events"]))',
    ].join('\n');
    // WHEN
    const { stdout } = await promisify(execFile)('python3', ['-c', script, emulator.endpoint]);
    // THEN
    expect(JSON.parse(stdout)).toEqual([]);
  });

  test('credentials from credentialsForAccount land in that account', async () => {
    // GIVEN
    const credentials = await credentialsForAccount(emulator.endpoint, '222222222222');
    const sts = new STSClient(sdkConfig(emulator.endpoint, credentials));
    // WHEN
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    // THEN
    expect(identity.Account).toBe('222222222222');
    await expect(credentialsForAccount(emulator.endpoint, '2222')).rejects.toThrow(
      'credentialsForAccount: account id must be 12 digits, got "2222"',
    );
  });

  test('start is idempotent: a second start with the same state directory reuses the running emulator', async () => {
    // WHEN
    const again = await startEmulator({ stateDir });
    const samePort = await startEmulator({ stateDir, port: emulator.port });
    // THEN
    expect(again).toMatchObject({ reused: true, pid: emulator.pid, port: emulator.port });
    expect(samePort).toMatchObject({ reused: true, pid: emulator.pid });
  });

  test('a port that comes only from STS_KIT_EMULATOR_PORT does not stop the recorded emulator from being reused', async () => {
    // GIVEN
    const saved = process.env.STS_KIT_EMULATOR_PORT;
    process.env.STS_KIT_EMULATOR_PORT = String(await findFreePort());
    try {
      // WHEN
      const again = await startEmulator({ stateDir });
      // THEN
      expect(again).toMatchObject({ reused: true, pid: emulator.pid, port: emulator.port });
    } finally {
      if (saved === undefined) delete process.env.STS_KIT_EMULATOR_PORT;
      else process.env.STS_KIT_EMULATOR_PORT = saved;
    }
  });

  test('refuses a different port while the recorded emulator runs', async () => {
    // GIVEN
    const otherPort = await findFreePort();
    // WHEN / THEN
    await expect(startEmulator({ stateDir, port: otherPort })).rejects.toThrow(
      `is already running on port ${emulator.port} (pid ${emulator.pid}), not on the requested port ${otherPort}`,
    );
  });

  test('refuses a port taken by something that is not the emulator, naming the port and suggesting another', async () => {
    // GIVEN
    const blocker = await occupyPort();
    try {
      // WHEN / THEN
      await expect(startEmulator({ stateDir: tempStateDir(), port: blocker.port })).rejects.toThrow(
        new RegExp(
          `^Cannot start the emulator: port ${blocker.port} on 127\\.0\\.0\\.1 \\(from --port\\) is already in use by ` +
            'another program \\(not a cdk-sts-kit emulator(; pid \\d+)?\\)\\. Choose another port: npm run demo -- --port (\\d+), ' +
            'npm run emulator -- start --port \\2 or STS_KIT_EMULATOR_PORT=\\2 \\(free now\\)',
        ),
      );
    } finally {
      await blocker.close();
    }
  });

  test('takes the port from STS_KIT_EMULATOR_PORT and says so when it is taken', async () => {
    // GIVEN
    const blocker = await occupyPort();
    const saved = process.env.STS_KIT_EMULATOR_PORT;
    process.env.STS_KIT_EMULATOR_PORT = String(blocker.port);
    try {
      // WHEN / THEN
      await expect(startEmulator({ stateDir: tempStateDir() })).rejects.toThrow(
        `port ${blocker.port} on 127.0.0.1 (from STS_KIT_EMULATOR_PORT) is already in use`,
      );
      process.env.STS_KIT_EMULATOR_PORT = 'http';
      await expect(startEmulator({ stateDir: tempStateDir() })).rejects.toThrow(
        'Invalid emulator port from STS_KIT_EMULATOR_PORT: "http"; expected an integer 1-65535',
      );
    } finally {
      if (saved === undefined) delete process.env.STS_KIT_EMULATOR_PORT;
      else process.env.STS_KIT_EMULATOR_PORT = saved;
      await blocker.close();
    }
  });

  test("refuses a port held by another state directory's emulator instead of adopting it", async () => {
    // WHEN / THEN
    await expect(startEmulator({ stateDir: tempStateDir(), port: emulator.port })).rejects.toThrow(
      `is already in use by another cdk-sts-kit emulator (pid ${emulator.pid}) that is not the one recorded in this state directory`,
    );
  });

  // last in this group: it stops the group's emulator
  test('stops by pid (process group), frees the port and removes the state; a second stop finds nothing', async () => {
    // WHEN
    const stopped = await stopEmulator({ stateDir });
    // THEN
    expect(stopped).toBe(true);
    expect(isProcessAlive(emulator.pid)).toBe(false);
    expect(await isPortFree(emulator.port)).toBe(true);
    expect(fs.existsSync(path.join(stateDir, 'state.json'))).toBe(false);
    expect(await emulatorStatus({ stateDir })).toBeUndefined();
    expect(await stopEmulator({ stateDir })).toBe(false);
  }, 60_000);
});

describe('a stale state directory', () => {
  test('a stale state file (dead pid) is replaced by a fresh emulator; a start lock left by a dead process is taken over', async () => {
    // GIVEN
    const stateDir = tempStateDir();
    fs.writeFileSync(path.join(stateDir, 'start.lock'), '999999999\n');
    const stalePort = await findFreePort();
    fs.writeFileSync(
      path.join(stateDir, 'state.json'),
      JSON.stringify({
        pid: 999_999_999,
        port: stalePort,
        endpoint: `http://127.0.0.1:${stalePort}`,
        logFile: 'x',
        startedAt: 'x',
      }),
    );
    expect(await emulatorStatus({ stateDir })).toMatchObject({ running: false, pid: 999_999_999 });
    // WHEN
    const emulator = await startEmulator({ stateDir, port: await findFreePort() });
    try {
      // THEN
      expect(emulator.reused).toBe(false);
      expect(emulator.pid).not.toBe(999_999_999);
      expect(JSON.parse(fs.readFileSync(path.join(stateDir, 'state.json'), 'utf8')).pid).toBe(emulator.pid);
      expect(fs.existsSync(path.join(stateDir, 'start.lock'))).toBe(false);
    } finally {
      await emulator.stop();
    }
    expect(isProcessAlive(emulator.pid)).toBe(false);
  }, 60_000);
});

describe('an emulator that does not answer, two starts at once, no moto', () => {
  test('a stopped emulator (SIGSTOP, Ctrl-Z) keeps its state, is reported as not answering (pid, log) and can still be stopped', async () => {
    // GIVEN: an emulator frozen with SIGSTOP (alive, holding its port, answering nothing)
    const stateDir = tempStateDir();
    const emulator = await startEmulator({ port: await findFreePort(), stateDir });
    process.kill(emulator.pid, 'SIGSTOP');
    try {
      // WHEN / THEN: the same state directory
      await expect(startEmulator({ stateDir })).rejects.toThrow(
        `emulator not answering (pid ${emulator.pid}, log ${emulator.logFile})`,
      );
      expect(fs.existsSync(path.join(stateDir, 'state.json'))).toBe(true);
      // another state directory asking for its port is told the same, not "another program"
      await expect(startEmulator({ stateDir: tempStateDir(), port: emulator.port })).rejects.toThrow(
        `port ${emulator.port} on 127.0.0.1 (from --port) is already in use by a cdk-sts-kit emulator that is not answering (pid ${emulator.pid}, log ${emulator.logFile})`,
      );
      // WHEN
      const started = Date.now();
      const stopped = await stopEmulator({ stateDir });
      // THEN
      expect(stopped).toBe(true);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(isProcessAlive(emulator.pid)).toBe(false);
      expect(fs.existsSync(path.join(stateDir, 'state.json'))).toBe(false);
    } finally {
      if (isProcessAlive(emulator.pid)) process.kill(-emulator.pid, 'SIGKILL');
    }
  }, 60_000);

  test('a running emulator that never answers is reported as not answering after its health checks time out', async () => {
    // GIVEN: a process that looks like the emulator (its command line), holds the recorded port and answers nothing
    const stateDir = tempStateDir();
    const port = await findFreePort();
    const script = `import socket, time\ns = socket.socket()\ns.bind(("127.0.0.1", ${port}))\ns.listen()\ntime.sleep(120)`;
    const hung = spawn('python3', ['-c', script, 'sts_kit_moto.server'], { detached: true, stdio: 'ignore' });
    const logFile = path.join(stateDir, 'emulator.log');
    try {
      for (let i = 0; i < 50 && (await isPortFree(port)); i++) await new Promise((r) => setTimeout(r, 100));
      const state = { pid: hung.pid, port, endpoint: `http://127.0.0.1:${port}`, logFile, startedAt: 'x' };
      fs.writeFileSync(path.join(stateDir, 'state.json'), JSON.stringify(state));
      // WHEN / THEN: it is not dropped as stale, and not taken for another program, after three health checks that
      // time out (300 ms each here; 2 s by default)
      const asked = Date.now();
      await expect(startEmulator({ stateDir, healthCheckTimeoutMs: 300 })).rejects.toThrow(
        `emulator not answering (pid ${hung.pid}, log ${logFile})`,
      );
      expect(Date.now() - asked).toBeGreaterThanOrEqual(900);
      expect(Date.now() - asked).toBeLessThan(5000); // the 2 s default would take 6 s
      expect(fs.existsSync(path.join(stateDir, 'state.json'))).toBe(true);
      // WHEN stopped  THEN it is gone with its state
      expect(await stopEmulator({ stateDir })).toBe(true);
      expect(isProcessAlive(hung.pid!)).toBe(false);
      expect(fs.existsSync(path.join(stateDir, 'state.json'))).toBe(false);
    } finally {
      if (isProcessAlive(hung.pid!)) process.kill(-hung.pid!, 'SIGKILL');
    }
  }, 60_000);

  test('two starts on one state directory at once start one emulator; the second reuses it', async () => {
    // GIVEN
    const stateDir = tempStateDir();
    const port = await findFreePort();
    // WHEN
    const [a, b] = await Promise.all([startEmulator({ port, stateDir }), startEmulator({ port, stateDir })]);
    try {
      // THEN
      expect(a.pid).toBe(b.pid);
      expect([a.reused, b.reused].sort()).toEqual([false, true]);
      expect(fs.existsSync(path.join(stateDir, 'start.lock'))).toBe(false);
    } finally {
      await a.stop();
    }
  }, 60_000);

  test('a Python without moto gets an install hint, not a traceback', async () => {
    // GIVEN: python3 without its site-packages
    const dir = tempStateDir();
    const python = pythonWithoutMoto(dir);
    // WHEN / THEN
    const error: Error = await startEmulator({ port: await findFreePort(), stateDir: dir, python }).then(
      () => new Error('started'),
      (e: Error) => e,
    );
    expect(error.message).toContain(`${python} cannot import moto`);
    expect(error.message).toContain("python3 -m pip install 'moto[server]==5.2.1'");
    expect(error.message).toContain('STS_KIT_EMULATOR_PYTHON');
    expect(error.message).not.toContain('Traceback');
  }, 30_000);
});

describe('the fork server (moto imported once per test run, each emulator forked from it)', () => {
  test('the first start starts it and waits for it; each emulator is its fork, in its own process group, with its own random ids', async () => {
    // GIVEN: a socket path where no fork server runs yet
    const dir = tempStateDir();
    const socket = path.join(dir, 'fork.sock');
    // WHEN: two emulators are started through it
    const a = await startEmulator({ port: await findFreePort(), stateDir: path.join(dir, 'a'), forkServer: socket });
    const b = await startEmulator({ port: await findFreePort(), stateDir: path.join(dir, 'b'), forkServer: socket });
    const server = Number(fs.readFileSync(`${socket}.pid`, 'utf8'));
    try {
      // THEN: both are children of the one fork server, each leads its own process group (stop() signals it) and
      // writes to its own log; the fork server's own output is in <socket>.log
      expect([processStatus(a.pid), processStatus(b.pid)]).toEqual([
        { parent: server, group: a.pid },
        { parent: server, group: b.pid },
      ]);
      expect(fs.readFileSync(a.logFile, 'utf8')).toContain(`cdk-sts-kit emulator pid ${a.pid}`);
      expect(fs.readFileSync(b.logFile, 'utf8')).toContain(`cdk-sts-kit emulator pid ${b.pid}`);
      expect(fs.readFileSync(`${socket}.log`, 'utf8')).toContain(`fork server pid ${server} on ${socket}`);
      // moto's "random" ids come from a generator seeded anew in each fork: the same call gives different ids
      const roleIds = await Promise.all(
        [a, b].map(async (e) => {
          const iam = new IAMClient(sdkConfig(e.endpoint));
          const created = await iam.send(
            new CreateRoleCommand({
              RoleName: 'same',
              AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
            }),
          );
          return created.Role!.RoleId;
        }),
      );
      expect(roleIds[0]).not.toBe(roleIds[1]);
      // WHEN: one emulator is stopped  THEN the fork server and the other one go on
      await a.stop();
      expect([isProcessAlive(a.pid), isProcessAlive(b.pid), isProcessAlive(server)]).toEqual([false, true, true]);
    } finally {
      // WHEN: the fork server gets SIGTERM (the end of a test run)  THEN it stops the emulator it forked that still
      // runs, and removes its socket
      process.kill(server, 'SIGTERM');
      await waitUntil(() => !isProcessAlive(server) && !isProcessAlive(b.pid));
    }
    expect(fs.existsSync(socket)).toBe(false);
  }, 60_000);

  test('a fork server that cannot start (no moto), that died, or a socket nobody answers on: the emulator is started as a new Python, which tells what is wrong', async () => {
    // GIVEN: the interpreter is a python3 without moto, for the fork server and for the emulator alike
    const dir = tempStateDir();
    const previous = process.env.STS_KIT_EMULATOR_PYTHON;
    process.env.STS_KIT_EMULATOR_PYTHON = pythonWithoutMoto(dir);
    const deadPid = spawnSync('true').pid!;
    const dead = path.join(dir, 'dead.sock');
    fs.writeFileSync(`${dead}.pid`, String(deadPid));
    const notASocket = path.join(dir, 'not-a-socket.sock');
    fs.writeFileSync(notASocket, '');
    const fresh = path.join(dir, 'fresh.sock');
    try {
      for (const forkServer of [fresh, dead, notASocket, fresh]) {
        // WHEN
        const startedAt = Date.now();
        const started = startEmulator({ port: await findFreePort(), stateDir: tempStateDir(), forkServer });
        // THEN: the missing module is reported, as without a fork server, and at once (not after the start's 30 s)
        await expect(started).rejects.toThrow(`${process.env.STS_KIT_EMULATOR_PYTHON} cannot import moto`);
        expect(Date.now() - startedAt).toBeLessThan(10_000);
      }
      // the fork server that could not start has exited, and its PID file kept the second start on `fresh` from
      // starting another (the file still names the first one)
      const failed = Number(fs.readFileSync(`${fresh}.pid`, 'utf8'));
      expect(isProcessAlive(failed)).toBe(false);
      expect(fs.readFileSync(`${fresh}.log`, 'utf8').match(/missing module: moto/g)).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.STS_KIT_EMULATOR_PYTHON;
      else process.env.STS_KIT_EMULATOR_PYTHON = previous;
    }
  }, 60_000);
});

describe('the fork server on its own (its request loop, without moto: quick timings and a stand-in server)', () => {
  /**
   * The fork server's loop (`listen_and_fork`) on `socket`, checking every 0.1 s and exiting after `idleSeconds`
   * without a request and without a live child; each child sleeps `childSeconds` in place of an emulator.
   */
  function loop(socket: string, childSeconds: number, idleSeconds: number) {
    const script = [
      'import sys, time',
      'from sts_kit_moto.fork_server import listen_and_fork',
      `listen_and_fork(sys.argv[1], lambda argv: time.sleep(${childSeconds}), idle_check_s=0.1, idle_exit_s=${idleSeconds})`,
    ].join('\n');
    const server = spawn('python3', ['-c', script, socket], {
      cwd: path.join(REPO, 'scripts', 'emulator'),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    servers.push(server);
    return server;
  }
  const servers: ReturnType<typeof spawn>[] = [];
  afterAll(() => servers.filter((s) => s.exitCode === null).forEach((s) => s.kill('SIGTERM'))); // a failed test's

  /** One request on the socket, as the launcher sends it: the reply's child PID. */
  function request(socket: string, log: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const conn = net.createConnection(socket, () =>
        conn.write(`${JSON.stringify({ port: 1, log, cwd: path.dirname(log), env: {} })}\n`),
      );
      let reply = '';
      conn.on('data', (d) => (reply += d));
      conn.on('end', () => resolve(JSON.parse(reply).pid));
      conn.on('error', reject);
    });
  }

  test('with no request and no emulator left, it exits by itself and removes its socket; not while an emulator runs', async () => {
    // GIVEN: a fork server whose one child lives 1.5 s
    const dir = tempStateDir();
    const socket = path.join(dir, 'idle.sock');
    const server = loop(socket, 1.5, 0.6);
    await waitUntil(() => fs.existsSync(socket));
    const child = await request(socket, path.join(dir, 'child.log'));
    const startedAt = Date.now();
    // WHEN: the idle time (0.6 s) passes while the child runs
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // THEN: the fork server still runs
    expect([isProcessAlive(child), server.exitCode]).toEqual([true, null]);
    // WHEN: the child ends  THEN the fork server exits soon after, and removes its socket
    await waitUntil(() => server.exitCode !== null, 10_000);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_400);
    expect([server.exitCode, fs.existsSync(socket)]).toEqual([0, false]);
  }, 30_000);

  test('once its socket file is gone (the run folder removed), it exits at its next check', async () => {
    // GIVEN: a fork server that would otherwise wait much longer than this test
    const dir = tempStateDir();
    const socket = path.join(dir, 'gone.sock');
    const server = loop(socket, 0, 60);
    await waitUntil(() => fs.existsSync(socket));
    // WHEN
    fs.rmSync(socket);
    const removedAt = Date.now();
    // THEN
    await waitUntil(() => server.exitCode !== null, 10_000);
    expect(Date.now() - removedAt).toBeLessThan(5_000); // its idle time is a minute
    expect(server.exitCode).toBe(0);
  }, 30_000);
});

describe('emulator CLI', () => {
  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/emulator/cli.ts', ...args], {
      cwd: REPO,
      env: emulatorProcessEnv('http://unused'),
    });

  test('start, status and stop from the command line', async () => {
    // GIVEN
    const stateDir = tempStateDir();
    const port = await findFreePort();
    // WHEN
    const started = await cli(['start', '--port', String(port), '--state-dir', stateDir]);
    const status = await cli(['status', '--state-dir', stateDir]);
    const pid = JSON.parse(fs.readFileSync(path.join(stateDir, 'state.json'), 'utf8')).pid as number;
    const stopped = await cli(['stop', '--state-dir', stateDir]);
    // THEN
    expect(started.stdout).toContain(`cdk-sts-kit emulator started at http://127.0.0.1:${port} (pid ${pid})`);
    expect(status.stdout).toContain(`endpoint=http://127.0.0.1:${port}\npid=${pid}\n`);
    expect(stopped.stdout).toContain('cdk-sts-kit emulator stopped');
    expect(isProcessAlive(pid)).toBe(false);
    await expect(cli(['status', '--state-dir', stateDir])).rejects.toMatchObject({ code: 1, stdout: 'not running\n' });
  }, 180_000); // three TypeScript CLI runs and a start: slow on a loaded machine

  test('rejects a bad --port with a clear message', async () => {
    await expect(cli(['start', '--port', '70000'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--port must be an integer 1-65535, got "70000"'),
    });
  }, 30_000);
});
