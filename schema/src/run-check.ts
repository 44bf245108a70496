import { execFileSync } from 'node:child_process';
import { findBreakingChanges, findDrift, findMissingContract } from './check-rules.ts';
import { SchemaCheckError } from './compose.ts';
import {
  BREAKING_CHANGES_PATH,
  CONTRACT_ALLOWANCES_PATH,
  readContractAllowances,
  readDeclaredBreakingChanges,
} from './declarations.ts';
import {
  API_PATH,
  CONTRACT_PATH,
  generatedPaths,
  generateSchemaFiles,
  readContract,
  readUpstreamContract,
  readWorkingTree,
  REPO_ROOT,
  upstreamContractPath,
} from './schema-files.ts';

export interface CheckOptions {
  root?: string;
  /** Git revision holding the previous API schema (CI may pass the target branch). */
  baseRef?: string;
  /** Files already generated in this process (tests), instead of generating them again. */
  generated?: Map<string, string>;
  /** The contract the copy in the repository was taken from; default `../shared/contract/api.graphql`. */
  upstreamContract?: string;
}

export interface CheckOutcome {
  /** Each one fails the check. */
  problems: string[];
  /** Worth reading, never failing: skipped comparisons, declarations that can be removed. */
  notes: string[];
}

/** Regenerates in memory and compares with the repository: drift, composition, breaking changes, contract. */
export async function runSchemaCheck(options: CheckOptions = {}): Promise<CheckOutcome> {
  const root = options.root ?? REPO_ROOT;
  const problems: string[] = [];
  const notes: string[] = [];
  const committed = readWorkingTree(generatedPaths(), root);
  let generated: Map<string, string>;
  try {
    generated = options.generated ?? (await generateSchemaFiles());
  } catch (error) {
    if (!(error instanceof SchemaCheckError)) throw error;
    return { problems: error.problems.map((problem) => `${error.summary}: ${problem}`), notes };
  }
  for (const drift of findDrift(committed, generated)) {
    problems.push(`${drift.path} is ${drift.problem} (run \`npm run schema:generate\` and commit the result)`);
  }
  const apiSdl = generated.get(API_PATH) ?? '';
  collect(problems, 'breaking changes', () => {
    const baseRef = options.baseRef ?? 'HEAD';
    let previous = previousApiSchema(root, baseRef);
    if (previous === undefined) {
      notes.push(`${API_PATH} not found at git ${baseRef}: breaking changes compared with the working-tree file`);
      previous = committed.get(API_PATH);
    }
    if (previous === undefined) {
      notes.push(`no previous ${API_PATH}: breaking-change check skipped`);
      return;
    }
    const report = findBreakingChanges(previous, apiSdl, readDeclaredBreakingChanges(root));
    for (const change of report.undeclared) {
      problems.push(`breaking change not declared in ${BREAKING_CHANGES_PATH}: [${change.type}] ${change.description}`);
    }
    for (const description of report.unusedDeclarations)
      notes.push(`${BREAKING_CHANGES_PATH}: no such change any more: "${description}"`);
  });
  collect(problems, 'contract', () => {
    const report = findMissingContract(readContract(root), apiSdl, readContractAllowances(root));
    for (const change of report.violations)
      problems.push(`contract not met by the API schema: [${change.type}] ${change.description}`);
    for (const item of report.unneededAllowances)
      notes.push(`${CONTRACT_ALLOWANCES_PATH}: ${item} now exists in the API schema; remove the allowance`);
  });
  collect(problems, 'contract copy', () => {
    const path = options.upstreamContract ?? upstreamContractPath(root);
    const upstream = readUpstreamContract(path);
    if (upstream === undefined) {
      notes.push(`no upstream contract at ${path}: ${CONTRACT_PATH} is checked on its own`);
      return;
    }
    for (const change of findMissingContract(upstream, readContract(root), []).violations)
      problems.push(`${CONTRACT_PATH} no longer covers ${path}: [${change.type}] ${change.description} (copy it again)`);
  });
  return { problems, notes };
}

function collect(problems: string[], label: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The API schema at `ref`, or undefined when git or the file is not available there. */
function previousApiSchema(root: string, ref: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${ref}:./${API_PATH}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}
