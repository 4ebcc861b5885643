/*
 * 社区服务流程：Tasklist's and Cockpit's header link to the app's own pages (issue 14): 服务指标 (/staff/dashboard)
 * for the community's managers and the street office, 事项台账 (/staff/cases) for whoever may see the register. Which
 * links a user gets comes from GET /api/staff/header-links (the same session as the webapps); nothing is shown when
 * the request fails. Cockpit's scripts/shequ-header.js uses headerPlugin with its own plugin point.
 * It also shows managers and the admin the standing warning from 1 November while next year has no rows in the holiday
 * table (GET /api/calendar/year-warning, issue 15 item 8), asked only once the user is known to be logged in.
 */

let asked = null;

function links() {
  if (asked === null) {
    asked = fetch('/api/staff/header-links', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => {
        if (response.ok) {
          // logged in: now the warning may be asked for without a 401 (and the browser's login box)
          showYearWarning();
          return response.json();
        }
        return [];
      })
      .catch(() => []);
  }
  return asked;
}

const WARNING_CLOSED = 'shequ-year-warning-closed';

function showYearWarning() {
  if (sessionStorage.getItem(WARNING_CLOSED) || document.querySelector('.shequ-year-warning')) {
    return;
  }
  fetch('/api/calendar/year-warning', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : {}))
    .then((body) => {
      if (!body.warning || document.querySelector('.shequ-year-warning')) {
        return;
      }
      const box = document.createElement('div');
      box.className = 'shequ-year-warning';
      box.setAttribute('role', 'alert');
      const text = document.createElement('span');
      text.textContent = body.warning;
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'close';
      close.title = '本次登录不再显示';
      close.textContent = '×';
      close.addEventListener('click', () => {
        sessionStorage.setItem(WARNING_CLOSED, 'yes');
        box.remove();
      });
      box.append(text, close);
      document.body.appendChild(box);
    })
    .catch(() => {});
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
