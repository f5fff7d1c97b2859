// Which Node lines the kit supports (node-lines.json at the kit's root), and
// whether this process runs on one. Plain JavaScript: it runs before tsx, on
// whatever Node the learner has.
import { readFileSync } from 'node:fs';

const lines = JSON.parse(
  readFileSync(new URL('../../../node-lines.json', import.meta.url), 'utf8'),
);

/** The supported lines, said for people: "20.19 or newer up to 26 (CI proves 20, 22, 24 and 26)". */
export function supportedRange() {
  const proven = Object.keys(lines.pinned);
  const minimum = lines.minimum.replace(/\.0$/, '');
  return `Node.js ${minimum} or newer, up to ${lines.below - 1} (CI proves ${proven.slice(0, -1).join(', ')} and ${proven.at(-1)})`;
}

/** What to install when this Node will not do. */
export function howToGetNode() {
  return `Install Node ${lines.recommended}, the LTS line (from nodejs.org, or \`nvm install ${lines.recommended}\` / \`fnm install ${lines.recommended}\`), then run the command again.`;
}

/** Why the kit cannot run here, or `undefined` when it can: this platform and this Node. */
export function unsupportedHere(version = process.versions.node, platform = process.platform) {
  if (platform === 'win32') {
    return 'The kit does not run on native Windows: its watchdog ends runaway grades by POSIX process group, which Windows lacks. Use WSL 2 (wsl --install), and run the kit inside it.';
  }
  const [major, minor] = version.split('.').map(Number);
  const [minMajor, minMinor] = lines.minimum.split('.').map(Number);
  const tooOld = major < minMajor || (major === minMajor && minor < minMinor);
  if (!tooOld && major < lines.below) return undefined;
  return `This is Node v${version}; the kit supports ${supportedRange()}. ${howToGetNode()}`;
}
