import { defineConfig } from '@playwright/test';
import path from 'node:path';

// The real server (built by scripts/test) serves the release build of the app from dist/
// with a fresh SQLite database seeded with the demo customers.
const root = path.resolve(__dirname, '..');
const port = Number(process.env.E2E_PORT ?? 8099);
const dbDir = path.join(root, 'target', 'e2e-db');
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 8025);
export const mailDir = path.join(root, 'target', 'e2e-mail');
// The test run's Python (scripts/lib.sh, ensure_test_python), which has aiosmtpd.
const python = process.env.KLEVER_TEST_PYTHON ?? path.join(root, 'target', 'test-venv', 'bin', 'python');

export default defineConfig({
  testDir: './tests',
  // One server and database for the run; tests that change data use their own customer.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  outputDir: path.join(root, 'target', 'e2e-results'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    // Only the offline test lets the service worker run: elsewhere it would answer for the server.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // Every customer journey runs on a desktop and again on a phone-sized screen; the specs
  // that set their own screen sizes run once.
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    {
      name: 'phone',
      use: { viewport: { width: 360, height: 740 }, hasTouch: true },
      testMatch: /(account|devices|edit|marketing|password|profile|requests|stability)\.spec\.ts/,
    },
  ],
  webServer: [
    // A real SMTP server (aiosmtpd, the server tests' sink): every message the app sends is
    // written into target/e2e-mail/ as received and as read (NNNNN.json), where the tests
    // find the links in them.
    {
      command: `rm -rf "${mailDir}" && mkdir -p "${mailDir}" && exec "${python}" crates/server/tests/smtp_sink.py "${mailDir}" --port ${smtpPort}`,
      cwd: root,
      port: smtpPort,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `rm -rf "${dbDir}" && mkdir -p "${dbDir}" && exec "${root}/target/debug/klever-server"`,
      cwd: root,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        KLEVER_BIND: `127.0.0.1:${port}`,
        DATABASE_URL: `sqlite://${dbDir}/klever.db`,
        KLEVER_STATIC_DIR: path.join(root, 'dist'),
        KLEVER_DEMO_DATA: 'true',
        // The demo's invoices are dated: on this day one is partly paid and not yet due, another
        // overdue, whatever day the tests run (the server's clock runs on from it).
        KLEVER_CLOCK_START: '2026-11-20T09:00:00Z',
        KLEVER_COOKIE_SECURE: 'false',
        KLEVER_PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
        KLEVER_SMTP_HOST: '127.0.0.1',
        KLEVER_SMTP_PORT: String(smtpPort),
        KLEVER_SMTP_TLS: 'none',
        KLEVER_MAIL_FROM: 'Kleverapp <no-reply@klever.test>',
        RUST_LOG: 'warn',
      },
    },
  ],
});
