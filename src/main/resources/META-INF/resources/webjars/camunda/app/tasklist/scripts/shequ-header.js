/*
 * 社区服务流程：Tasklist's and Cockpit's header link to the app's own pages (issue 14): 服务指标 (/staff/dashboard)
 * for the community's managers and the street office, 事项台账 (/staff/cases) for whoever may see the register. Which
 * links a user gets comes from GET /api/staff/header-links (the same session as the webapps); nothing is shown when
 * the request fails. Cockpit's scripts/shequ-header.js uses headerPlugin with its own plugin point.
 */

let asked = null;

function links() {
  if (asked === null) {
    asked = fetch('/api/staff/header-links', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : []))
      .catch(() => []);
  }
  return asked;
}

export function headerPlugin(id, pluginPoint) {
  return {
    id,
    pluginPoint,
    priority: 10,
    render: (node) => {
      const list = document.createElement('span');
      list.className = 'shequ-header-links';
      node.appendChild(list);
      links().then((found) => {
        for (const link of found) {
          if (!/^\/staff\//.test(link.href || '')) {
            continue;
          }
          const a = document.createElement('a');
          a.className = 'shequ-header-link';
          a.href = link.href;
          a.textContent = link.label;
          list.appendChild(a);
        }
      });
    }
  };
}

export default [headerPlugin('shequ-header-links', 'tasklist.navbar.action')];
