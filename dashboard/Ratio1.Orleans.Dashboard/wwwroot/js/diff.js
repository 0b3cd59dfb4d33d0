// A line diff by longest common subsequence, laid out side by side: each row has a left line (old) and a right
// line (new), either of which may be absent, and a kind: same | removed | added | changed.
export function diffLines(oldText, newText) {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  // Common head and tail are cut first: configs differ in a few lines, which keeps the table small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      ops.push({ kind: 'same', left: midA[i++], right: midB[j++] });
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      ops.push({ kind: 'added', right: midB[j++] });
    } else {
      ops.push({ kind: 'removed', left: midA[i++] });
    }
  }
  const rows = [];
  for (let k = 0; k < start; k++) {
    rows.push({ kind: 'same', left: a[k], right: b[k], leftNo: k + 1, rightNo: k + 1 });
  }
  let leftNo = start;
  let rightNo = start;
  // Runs of removals followed by additions pair up as changed lines.
  for (let k = 0; k < ops.length;) {
    if (ops[k].kind === 'same') {
      rows.push({ kind: 'same', left: ops[k].left, right: ops[k].right, leftNo: ++leftNo, rightNo: ++rightNo });
      k++;
      continue;
    }
    const removed = [];
    const added = [];
    while (k < ops.length && ops[k].kind !== 'same') {
      (ops[k].kind === 'removed' ? removed : added).push(ops[k]);
      k++;
    }
    for (let p = 0; p < Math.max(removed.length, added.length); p++) {
      const left = removed[p];
      const right = added[p];
      rows.push({
        kind: left && right ? 'changed' : left ? 'removed' : 'added',
        left: left?.left,
        right: right?.right,
        leftNo: left ? ++leftNo : null,
        rightNo: right ? ++rightNo : null,
      });
    }
  }
  for (let k = endA, l = endB; k < a.length; k++, l++) {
    rows.push({ kind: 'same', left: a[k], right: b[l], leftNo: ++leftNo, rightNo: ++rightNo });
  }
  return rows;
}
