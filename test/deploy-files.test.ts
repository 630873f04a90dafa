// What can be checked of the deployment files without a Docker engine: the Dockerfile's stages,
// user, port, health check and command; .dockerignore; the compose file as YAML; the Procfile.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cliCommands,
  composeFile,
  configSchemaKeys,
  parseDockerfile,
  read,
  ROOT,
  sourceFiles,
  type Stage,
} from './deploy-support.js';

const stages = parseDockerfile(read('Dockerfile'));
const final = stages.at(-1)!;
const steps = (s: Stage, op: string) => s.steps.filter((i) => i.op === op).map((i) => i.args);
const stageNamed = (name: string) => stages.find((s) => s.name === name);

describe('Dockerfile', () => {
  it('builds in one stage with the dev dependencies and runs from another with production ones only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const s of stages) if (!stageNamed(s.from)) expect(s.from).toMatch(/^node:(22|24)[.\w-]*-slim$/);
    const build = stages.find((s) => steps(s, 'RUN').some((r) => r.includes('npm run build')))!;
    expect(build).toBeDefined();
    expect(steps(build, 'RUN').some((r) => /^npm ci(?!.*--omit=dev)/.test(r))).toBe(true);
    // The final stage installs nothing and compiles nothing: it copies results.
    expect(steps(final, 'RUN').join('\n')).not.toMatch(/npm (ci|install)|tsc|npm run build/);
    const copies = steps(final, 'COPY');
    const modules = copies.find((c) => c.includes('node_modules'))!;
    const from = /--from=(\S+)/.exec(modules)?.[1];
    expect(steps(stageNamed(from!)!, 'RUN')).toContainEqual(expect.stringMatching(/^npm ci --omit=dev/));
    expect(copies).toContainEqual(expect.stringMatching(new RegExp(`^--from=${build.name} /app/dist \\./dist$`)));
    expect(copies.join('\n')).not.toMatch(/(^|\s)(src|test|tsconfig[\w.]*\.json)(\s|$)/);
    expect(copies).toContain('data-seed ./data-seed');
    expect(copies).toContain('bin ./bin');
  });

  it('needs at run time only production dependencies: what src imports is in "dependencies"', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const used = new Set<string>();
    for (const file of sourceFiles('src').filter((f) => !/\.test\.ts$|test-support\.ts$|-for-tests\.ts$/.test(f))) {
      const text = read(file);
      const specs = [
        ...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^'.][^']*)'/gm),
        ...text.matchAll(/^import\s+'([^'.][^']*)'/gm),
        ...text.matchAll(/import\('([^'.][^']*)'\)/g),
      ].map((m) => m[1]!);
      for (const spec of specs.filter((x) => !x.startsWith('node:')))
        used.add(
          spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/'),
        );
    }
    expect(used.size).toBeGreaterThan(10);
    // Loaded only when the .ts sources run (npm start, tests): graph-thread.ts then starts its worker
    // through tsx. The image runs dist/*.js, which never takes that path (deploy-image.test.ts).
    const devOnly = new Set(['tsx']);
    expect(read('src/whatsapp/graph-thread.ts')).toContain("import.meta.url.endsWith('.ts')");
    for (const name of used) if (!devOnly.has(name)) expect(Object.keys(pkg.dependencies), name).toContain(name);
    expect(Object.keys(pkg.dependencies)).not.toContain('typescript');
  });

  it('runs the compiled JavaScript as a non-root user, on the default port, with a health check', () => {
    expect(steps(final, 'CMD')).toEqual(['["node", "dist/main.js"]']);
    expect(existsSync(join(ROOT, 'src/main.ts'))).toBe(true);
    expect(read('tsconfig.build.json')).toMatch(/"rootDir": "src", "outDir": "dist"/);
    const user = steps(final, 'USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(steps(final, 'EXPOSE')).toEqual(['5000']);
    expect(read('src/config.ts')).toMatch(/PORT: integer\(5000,/);
    const [check] = steps(final, 'HEALTHCHECK');
    expect(check).toMatch(/CMD .*\/webhook\/health/);
    expect(check).not.toMatch(/curl|wget/); // neither is in the slim image
    for (const env of steps(final, 'ENV')) expect(configSchemaKeys()).toContain(env.split('=')[0]);
  });

  it('keeps secrets, dependencies and local databases out of the build context, and nothing the build needs', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const p of ['.env', 'node_modules', 'dist', 'data', '**/*.db', '**/*.db-wal', '.git'])
      expect(ignored).toContain(p);
    const needed = [...stages.flatMap((s) => steps(s, 'COPY').filter((c) => !c.startsWith('--from')))].flatMap((c) =>
      c.split(' ').slice(0, -1),
    );
    expect(needed.length).toBeGreaterThan(4);
    for (const path of needed) {
      expect(existsSync(join(ROOT, path)), path).toBe(true);
      expect(ignored, path).not.toContain(path);
    }
  });
});

describe('docker-compose.yml', () => {
  const { services, volumes } = composeFile();
  const bots = Object.entries(services).filter(([, s]) => s.build === '.');

  it('runs the bot and PostgreSQL with a named volume and a health check the bot waits for', () => {
    const db = services.db;
    expect(db.image).toMatch(/^postgres:\d+/);
    const [volume] = (db.volumes as string[])[0]!.split(':');
    expect(Object.keys(volumes ?? {})).toContain(volume);
    expect(db.healthcheck.test.join(' ')).toMatch(/pg_isready/);
    const bot = services.bot;
    expect(bot.build).toBe('.');
    expect(bot.profiles).toBeUndefined();
    expect(bot.depends_on.db.condition).toBe('service_healthy');
    expect(bot.env_file).toBe('.env');
    expect(existsSync(join(ROOT, '.env.example'))).toBe(true);
    expect(bot.ports).toEqual(['5000:5000']);
  });

  it('sets only variables the bot reads, and points DATABASE_URL at the compose database', () => {
    for (const [, s] of bots) {
      expect(Object.keys(s.environment).every((k) => configSchemaKeys().includes(k))).toBe(true);
      expect(s.environment.DATABASE_URL).toMatch(
        /^postgres:\/\/nexora:\$\{POSTGRES_PASSWORD:-nexora\}@db:5432\/nexora$/,
      );
      expect(s.environment.PORT).toBe('5000');
    }
    expect(services.db.environment.POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD:-nexora}');
  });

  it('has a scale profile: two bot instances on the same database behind one load balancer', () => {
    const scaled = bots.filter(([, s]) => !s.profiles || s.profiles.includes('scale'));
    expect(scaled.map(([name]) => name)).toEqual(['bot', 'bot-2']);
    expect(new Set(scaled.map(([, s]) => s.environment.DATABASE_URL)).size).toBe(1);
    expect(services['bot-2'].ports).toBeUndefined();
    const lb = services.lb;
    expect(lb.profiles).toEqual(['scale']);
    for (const [name] of scaled) expect(lb.command).toContain(`--to ${name}:5000`);
  });
});

describe('Procfile', () => {
  const lines = Object.fromEntries(
    read('Procfile')
      .trim()
      .split('\n')
      .map((l) => l.split(/:\s*/, 2) as [string, string]),
  );

  it('runs on the Node.js line of the image, which engines admits, and engines admits only even (LTS) lines', () => {
    // engines: each alternative a caret range of one major line; odd lines never become LTS.
    const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
    const majors = pkg.engines.node.split('||').map((range) => /^\s*\^(\d+)\.\d+\.\d+\s*$/.exec(range)?.[1]);
    expect(majors).not.toContain(undefined);
    expect(majors.filter((major) => Number(major) % 2 === 1)).toEqual([]);
    // .node-version (Render) names the image's line, which is also the newest line engines allows
    // (Heroku and Railway take the newest version engines admits).
    const imageLine = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(read('Dockerfile'))?.[1];
    expect(read('.node-version').trim()).toBe(imageLine);
    expect(Math.max(...majors.map(Number))).toBe(Number(imageLine));
  });

  it('starts the compiled server as web, like the image, and migrates as release', () => {
    expect(Object.keys(lines)).toEqual(['web', 'release']);
    expect(JSON.stringify(lines.web!.split(' '))).toBe(steps(final, 'CMD')[0]!.replace(/, /g, ','));
    expect(lines.release).toBe('node bin/nexora-bot.js migrate');
    expect(cliCommands().has('migrate')).toBe(true);
    expect(existsSync(join(ROOT, 'bin/nexora-bot.js'))).toBe(true);
  });
});
