// Entry point of `npm run cli -- <command>` and of the `nexora-bot` bin.
import { config as loadDotenv } from 'dotenv';
import { runCli } from './run-cli.js';

// Quiet: dotenv may print a banner on stdout, and stdout carries --json and --csv output.
loadDotenv({ quiet: true });
process.exitCode = await runCli(process.argv.slice(2), process.env);
