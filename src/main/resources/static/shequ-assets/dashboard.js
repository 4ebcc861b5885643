/* 服务指标: draws the trend and comparison charts of /staff/dashboard with Apache ECharts from data-charts. */
(function () {
  'use strict';
  var holder = document.getElementById('dashboard-charts');
  if (!holder || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(holder.getAttribute('data-charts'));
  var percent = function (v) { return v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%'; };
  var font = { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' };

  function chart(id, option) {
    var node = document.getElementById(id);
    if (!node) {
      return;
    }
    var c = echarts.init(node, null, { renderer: 'svg' });
    option.textStyle = font;
    option.animation = false;
    c.setOption(option);
    window.addEventListener('resize', function () { c.resize(); });
  }

  chart('chart-trend', {
    tooltip: { trigger: 'axis', valueFormatter: percent },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 56, bottom: 28 },
    xAxis: { type: 'category', data: data.months },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: function (v) { return (v * 100) + '%'; } } },
    series: Object.keys(data.trend).map(function (name) {
      return { name: name, type: 'line', connectNulls: false, data: data.trend[name] };
    })
  });

  function comparison(id, lines) {
    chart(id, {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: lines.names },
      yAxis: [{ type: 'value', name: '件', minInterval: 1 },
        { type: 'value', name: '按时办结率', min: 0, max: 1,
          axisLabel: { formatter: function (v) { return (v * 100) + '%'; } } }],
      series: [
        { name: '受理', type: 'bar', data: lines.received },
        { name: '已办结', type: 'bar', data: lines.closed },
        { name: '逾期未办结', type: 'bar', data: lines.overdue },
        { name: '按时办结率', type: 'line', yAxisIndex: 1, data: lines.onTimeRate,
          tooltip: { valueFormatter: percent } }
      ]
    });
  }
  comparison('chart-grids', data.grids);
  comparison('chart-workers', data.workers);
}());
