// How `changeset version` writes each package's CHANGELOG.md. A changeset written as a section
// (headings or several paragraphs, like a major release's notes) is kept as written; a one-paragraph
// changeset is one bullet. A package released only because the fixed group moves gets one line
// that says which version of its dependency it now uses.
const getReleaseLine = async (changeset) => {
  const summary = changeset.summary.trim();
  if (/^#{1,6} /m.test(summary) || summary.includes('\n\n')) return `\n${summary}\n`;
  const [first, ...rest] = summary.split('\n');
  return `\n- ${first}${rest.map((line) => `\n  ${line}`).join('')}`;
};

const getDependencyReleaseLine = async (_changesets, dependenciesUpdated) =>
  dependenciesUpdated.length === 0
    ? ''
    : `\n- Uses ${dependenciesUpdated.map((d) => `\`${d.name}\` ${d.newVersion}`).join(', ')}.`;

module.exports = { default: { getReleaseLine, getDependencyReleaseLine } };
