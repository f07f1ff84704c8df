/**
 * The page's only script, inlined (the CSP allows inline script and nothing else). It sorts and
 * filters the rows the server rendered, keyed by the JSON embedded in the page, and opens every
 * `<details>` for printing. Without it the report still reads in full; it just does not sort.
 *
 * Plain ES2020 in a string: it runs in the reader's browser, not in Node, and must not contain
 * the characters that would end its script element.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var dataElement = document.getElementById('report-data');
  var table = document.getElementById('workload-table');
  if (!dataElement || !table) return;
  var data = JSON.parse(dataElement.textContent || '{}');
  var workloads = (data.report && data.report.workloads) || [];
  var search = data.search || [];
  var VERDICT_RANK = { eligible: 0, 'eligible-with-changes': 1, ineligible: 2, unknown: 3 };

  function cost(w, field) { return w.cost && typeof w.cost[field] === 'number' ? w.cost[field] : null; }
  var KEYS = {
    name: function (w) { return ((w.namespace ? w.namespace + '/' : '') + w.name).toLowerCase(); },
    verdict: function (w) { return VERDICT_RANK[w.verdict]; },
    launchType: function (w) { return w.launchType; },
    replicas: function (w) { return w.replicas; },
    current: function (w) { return cost(w, 'currentMonthlyUsd'); },
    fargate: function (w) { return cost(w, 'fargateMonthlyUsd'); },
    savings: function (w) { return cost(w, 'monthlySavingsUsd'); }
  };

  var rows = Array.prototype.slice.call(table.querySelectorAll('tbody.workload'));
  var noMatch = document.getElementById('no-match');
  var verdictFilter = document.getElementById('filter-verdict');
  var textFilter = document.getElementById('filter-text');
  var rowCount = document.getElementById('row-count');
  var sortStatus = document.getElementById('sort-status');
  var headers = Array.prototype.slice.call(table.querySelectorAll('th[data-sort-key]'));

  function indexOf(row) { return Number(row.getAttribute('data-index')); }

  // Unknown values (null) sort last in both directions: a missing price is not a small one.
  function compare(key, direction) {
    var sign = direction === 'ascending' ? 1 : -1;
    var valueOf = KEYS[key];
    return function (a, b) {
      var ia = indexOf(a), ib = indexOf(b);
      var va = valueOf(workloads[ia] || {}), vb = valueOf(workloads[ib] || {});
      var aMissing = va === null || va === undefined, bMissing = vb === null || vb === undefined;
      if (aMissing || bMissing) return aMissing === bMissing ? ia - ib : aMissing ? 1 : -1;
      if (va < vb) return -sign;
      if (va > vb) return sign;
      return ia - ib;
    };
  }

  function sortBy(header) {
    var key = header.getAttribute('data-sort-key');
    var current = header.getAttribute('aria-sort');
    var direction = current === 'ascending' ? 'descending'
      : current === 'descending' ? 'ascending'
      : header.getAttribute('data-first-direction') || 'ascending';
    headers.forEach(function (other) { if (other !== header) other.removeAttribute('aria-sort'); });
    header.setAttribute('aria-sort', direction);
    rows.slice().sort(compare(key, direction)).forEach(function (row) { table.appendChild(row); });
    if (noMatch) table.appendChild(noMatch);
    if (sortStatus) sortStatus.textContent = 'Sorted by ' + header.textContent.trim() + ', ' + direction;
  }

  headers.forEach(function (header) {
    var button = header.querySelector('button');
    if (button) button.addEventListener('click', function () { sortBy(header); });
  });

  function applyFilters() {
    var verdict = verdictFilter ? verdictFilter.value : '';
    var terms = textFilter ? textFilter.value.toLowerCase().split(/\\s+/).filter(Boolean) : [];
    var shown = 0;
    rows.forEach(function (row) {
      var haystack = search[indexOf(row)] || '';
      var match = (!verdict || row.getAttribute('data-verdict') === verdict) &&
        terms.every(function (term) { return haystack.indexOf(term) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (noMatch) noMatch.hidden = shown !== 0 || rows.length === 0;
    if (rowCount) rowCount.textContent = shown + ' of ' + rows.length + ' workloads';
  }
  if (verdictFilter) verdictFilter.addEventListener('change', applyFilters);
  if (textFilter) textFilter.addEventListener('input', applyFilters);

  // Print everything: open every details element, and close again afterwards what was closed.
  var openedForPrint = [];
  window.addEventListener('beforeprint', function () {
    openedForPrint = Array.prototype.slice.call(document.querySelectorAll('details:not([open])'));
    openedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    openedForPrint.forEach(function (d) { d.open = false; });
    openedForPrint = [];
  });
})();
`;
