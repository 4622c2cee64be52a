// Draws the ECharts charts of the indicators and statistics pages. Data comes from the element's
// data-src (a JSON endpoint) or data-rows (JSON in the attribute); no inline script (CSP).
(function () {
  function draw(el, option) {
    var chart = echarts.init(el);
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  }
  function trend(el) {
    fetch(el.dataset.src, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (rows) {
        draw(el, {
          tooltip: { trigger: 'axis' },
          legend: {},
          // a month's code (201203) reads as 2012-03
          xAxis: { type: 'category', data: rows.map(function (r) { return /^\d{6}$/.test(r.period) ? r.period.slice(0, 4) + '-' + r.period.slice(4) : r.period; }) },
          yAxis: { type: 'value' },
          series: [
            { name: el.dataset.label, type: 'line', data: rows.map(function (r) { return r.value; }) },
            { name: el.dataset.targetLabel || '目标', type: 'line', lineStyle: { type: 'dashed' }, data: rows.map(function (r) { return r.target; }) }
          ]
        });
      });
  }
  function bars(el) {
    var rows = JSON.parse(el.dataset.rows);
    // every category named: more than eight bars lie down, and the chart grows a line per bar
    var horizontal = el.dataset.kind === 'hbar' || rows.length > 8;
    var cat = { type: 'category', data: rows.map(function (r) { return r.label; }), axisLabel: { interval: 0 } };
    if (horizontal) {
      el.style.height = Math.max(el.clientHeight, rows.length * 22 + 40) + 'px';
    } else if (rows.length > 5) {
      cat.axisLabel.rotate = 30;
    }
    var val = { type: 'value' };
    draw(el, {
      tooltip: {},
      grid: { containLabel: true },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? cat : val,
      series: [{ type: 'bar', data: rows.map(function (r) { return r.value; }) }]
    });
  }
  function pie(el) {
    var rows = JSON.parse(el.dataset.rows);
    draw(el, {
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: '65%', data: rows.map(function (r) { return { name: r.label, value: r.value }; }) }]
    });
  }
  function pyramid(el) {
    var rows = JSON.parse(el.dataset.rows);
    draw(el, {
      tooltip: {},
      legend: {},
      grid: { containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: function (v) { return Math.abs(v); } } },
      yAxis: { type: 'category', data: rows.map(function (r) { return r.label; }), axisLabel: { interval: 0 } },
      series: [
        { name: el.dataset.male, type: 'bar', stack: 's', data: rows.map(function (r) { return -r.male; }) },
        { name: el.dataset.female, type: 'bar', stack: 's', data: rows.map(function (r) { return r.female; }) }
      ]
    });
  }
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    ({ trend: trend, bar: bars, hbar: bars, pie: pie, pyramid: pyramid })[el.dataset.chart](el);
  });
  var t = document.getElementById('trend-chart');
  if (t) { trend(t); }
})();
