/**
 * Every command of the `ob3kit` program, in the order the help lists them: its name and summary
 * here, its options and code in its own module, loaded when it runs (so `ob3kit --help` and
 * `--version` load no command and none of the library).
 */
import type { Command } from '../command.js';

/**
 * A command as the global help lists it, and how to load it. `name` and `summary` are those of
 * the loaded command (a test holds them equal).
 *
 * @example
 * ```ts
 * const entry: CommandEntry = { name: 'verify', summary: 'Verify a credential', load: async () => verifyCommand };
 * ```
 */
export interface CommandEntry {
  /** Name as typed, e.g. `verify` or `status create`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The command itself, with its options and code. */
  load(): Promise<Command>;
}

/**
 * The commands, in help order.
 *
 * @example
 * ```ts
 * commands.map((c) => c.name); // ['demo', 'keygen', 'issue', ...]
 * ```
 */
export const commands: CommandEntry[] = [
  {
    name: 'demo',
    summary: 'Issue, bake, revoke and verify sample badges, offline, in a few seconds',
    load: async () => (await import('./demo.js')).demoCommand,
  },
  {
    name: 'init',
    summary: 'Write a starter: issuer key, profile, achievement template, recipients, badge art',
    load: async () => (await import('./init.js')).initCommand,
  },
  {
    name: 'keygen',
    summary: 'Make an issuer key pair (Ed25519, P-256 or RSA) and its DID',
    load: async () => (await import('./keygen.js')).keygenCommand,
  },
  {
    name: 'issue',
    summary: 'Sign a credential (Data Integrity or JWT), or a CSV batch of them',
    load: async () => (await import('./issue.js')).issueCommand,
  },
  {
    name: 'verify',
    summary:
      'Verify credentials (JSON, JWT, baked PNG or SVG, presentations) and print the reports',
    load: async () => (await import('./verify.js')).verifyCommand,
  },
  {
    name: 'validate',
    summary: 'Check a credential against the Open Badges 3.0 JSON Schema (no proof check)',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    name: 'bake',
    summary: 'Embed a signed credential into a PNG or SVG badge image',
    load: async () => (await import('./bake.js')).bakeCommand,
  },
  {
    name: 'unbake',
    summary: 'Print the credential baked into a PNG or SVG badge image',
    load: async () => (await import('./bake.js')).unbakeCommand,
  },
  {
    name: 'upgrade',
    summary:
      'Upgrade a verified Open Badges 2.0 assertion to an unsigned Open Badges 3.0 credential',
    load: async () => (await import('./upgrade.js')).upgradeCommand,
  },
  {
    name: 'status create',
    summary: 'Make a signed status list credential (every entry clear)',
    load: async () => (await import('./status.js')).statusCreateCommand,
  },
  {
    name: 'status set',
    summary: 'Set or clear one entry of a status list and re-sign it',
    load: async () => (await import('./status.js')).statusSetCommand,
  },
  {
    name: 'status check',
    summary: "Look up a credential's status entry in its status list",
    load: async () => (await import('./status.js')).statusCheckCommand,
  },
  {
    name: 'status publish',
    summary: 'Build and sign the status lists from the issuance ledger, to upload',
    load: async () => (await import('./ledger.js')).statusPublishCommand,
  },
  {
    name: 'revoke',
    summary: 'Revoke or suspend credentials by id or recipient, in the issuance ledger',
    load: async () => (await import('./ledger.js')).revokeCommand,
  },
  {
    name: 'serve',
    summary: 'Run a VC-API issuer, verifier and status service over HTTP',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'pathway check',
    summary: 'Show progress on a pathway from the badges a learner holds',
    load: async () => (await import('./pathway.js')).pathwayCheckCommand,
  },
  {
    name: 'pathway issue',
    summary: 'Issue the stacked credential of a met pathway (and a CLR of its parts)',
    load: async () => (await import('./pathway.js')).pathwayIssueCommand,
  },
  {
    name: 'clr build',
    summary: 'Bundle signed credentials of one learner into a signed CLR 2.0 record',
    load: async () => (await import('./pathway.js')).clrBuildCommand,
  },
];
