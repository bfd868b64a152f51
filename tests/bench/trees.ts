/** Running a benchmark against another tree of the repository (a git worktree of an older commit). */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** node_modules of symlinks to `provider`'s packages, except the workspace packages: those point at `tree`'s own. */
export function linkNodeModules(tree: string, provider: string): void {
  const pkg = JSON.parse(readFileSync(join(tree, 'package.json'), 'utf8')) as { workspaces?: string[] };
  const workspaces = new Map<string, string>(); // package name → folder in `tree`
  for (const ws of pkg.workspaces ?? []) {
    const file = join(tree, ws, 'package.json');
    if (existsSync(file)) workspaces.set((JSON.parse(readFileSync(file, 'utf8')) as { name: string }).name, join(tree, ws));
  }
  const scopes = new Set([...workspaces.keys()].filter((n) => n.startsWith('@')).map((n) => n.split('/')[0]!));
  const target = join(tree, 'node_modules');
  mkdirSync(target);
  for (const name of readdirSync(provider)) {
    if (name.startsWith('.') && name !== '.bin') continue;
    if (scopes.has(name)) {
      mkdirSync(join(target, name));
      for (const sub of readdirSync(join(provider, name))) {
        if (!workspaces.has(`${name}/${sub}`)) symlinkSync(join(provider, name, sub), join(target, name, sub));
      }
    } else if (!workspaces.has(name)) {
      symlinkSync(join(provider, name), join(target, name));
    }
  }
  for (const [name, folder] of workspaces) symlinkSync(folder, join(target, name));
  // Workspaces' own node_modules (packages npm could not hoist).
  for (const ws of pkg.workspaces ?? []) {
    const own = join(dirname(provider), ws, 'node_modules');
    if (existsSync(own) && existsSync(join(tree, ws)) && !existsSync(join(tree, ws, 'node_modules'))) symlinkSync(own, join(tree, ws, 'node_modules'));
  }
}
