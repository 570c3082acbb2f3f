/**
 * The report's only script, inlined into the page: sorting the alert table by a column
 * (click a header; again to reverse) and filtering it by severity and domain (click a
 * chip to hide or show those rows; the charts of hidden domains are hidden too). Plain
 * DOM, no library: it must run from a file with no network. Written as ES5-compatible
 * source so any browser that opens the file runs it.
 */
export const REPORT_SCRIPT = `
(function () {
  var table = document.querySelector('table.alerts');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var shown = document.querySelector('.shown');

  function cellValue(row, index, numeric) {
    var text = row.cells[index].getAttribute('data-value') || '';
    if (!numeric) return text;
    var n = parseFloat(text.replace(/[^0-9.+-]/g, ''));
    return isNaN(n) ? -Infinity : n;
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var button = th.querySelector('button.sort');
    if (!button) return;
    button.addEventListener('click', function () {
      var numeric = button.getAttribute('data-numeric') === 'true';
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var sorted = rows.slice().sort(function (a, b) {
        var x = cellValue(a, index, numeric);
        var y = cellValue(b, index, numeric);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });

  var chips = Array.prototype.slice.call(document.querySelectorAll('.chip'));
  function active(group) {
    return chips.filter(function (c) { return c.getAttribute('data-filter') === group && c.getAttribute('aria-pressed') === 'true'; })
      .map(function (c) { return c.getAttribute('data-value'); });
  }
  function apply() {
    var severities = active('severity');
    var domains = active('domain');
    var count = 0;
    rows.forEach(function (row) {
      var visible = severities.indexOf(row.getAttribute('data-severity')) >= 0 && domains.indexOf(row.getAttribute('data-domain')) >= 0;
      row.hidden = !visible;
      if (visible) count += 1;
    });
    Array.prototype.forEach.call(document.querySelectorAll('article.series'), function (article) {
      var severity = article.getAttribute('data-severity');
      // A chart with no alert (a labelled event that was missed) follows the domain filter only.
      article.hidden = domains.indexOf(article.getAttribute('data-domain')) < 0 || (severity !== '' && severities.indexOf(severity) < 0);
    });
    if (shown) shown.textContent = count + ' of ' + rows.length + ' alerts shown';
  }
  chips.forEach(function (chip) {
    chip.addEventListener('click', function () {
      chip.setAttribute('aria-pressed', chip.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
      apply();
    });
  });
  apply();
})();
`;
