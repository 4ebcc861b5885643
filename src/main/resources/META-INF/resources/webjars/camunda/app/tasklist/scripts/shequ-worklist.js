/*
 * 社区服务流程：Tasklist 的三处补充（issue 13）。
 * 1. Task cards (plugin point tasklist.card) show how the deadline stands in working days: 剩余 2 个工作日 / 今日到期 /
 *    已超期 3 个工作日, from GET /api/tasks/deadlines (one request for the cards rendered together).
 * 2. A task's 事项经过 tab (tasklist.task.detail) shows the whole case: every step of it and of the procedures it
 *    called, who, when, and what was decided, from GET /api/tasks/{id}/case-history, and links to the case's papers
 *    (受理回执, 委托书, 代办结果交接单), which stay reachable after the case is closed.
 * 3. After 发起 the worker sees the new case's number to tell the resident (and, for a reception case, the link to
 *    the 受理回执), taken from the engine's answer to the start form.
 * 4. The list's sorting header says what the list does: 到期时间 (the case filters put what is due first), not
 *    Tasklist's default 创建时间, until the worker picks a sorting of their own in this browser tab.
 * 5. The open task's form shows the same standing next to its dates (issue 15 item 7): 剩余 N 个工作日, 已超期 N 个工作日,
 *    （暂定） in a year without holiday rows, 已暂停（等待居民补正材料） while the resident holds the case; and, where the
 *    case's process allows it (GET /api/cases/{number}/extension), 申请延期: N working days and a reason, sent to
 *    POST /api/cases/{number}/extension for a manager to decide (issue 15 item 4).
 * All text is put in with textContent: nothing from a case can run in the page.
 */

const API = '/api';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

async function getJson(path) {
  const response = await fetch(API + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message || ('请求失败（' + response.status + '）'));
  }
  return body;
}

function standingClass(row) {
  if (row.paused) {
    return 'shequ-paused';
  }
  return row.overdue ? 'shequ-overdue' : /^今日到期/.test(row.standing) ? 'shequ-due-today' : 'shequ-due-later';
}

// 1. deadlines on cards, asked for together
let waiting = new Map();
let flushTimer = null;

function askDeadline(taskId, node) {
  if (!waiting.has(taskId)) {
    waiting.set(taskId, []);
  }
  waiting.get(taskId).push(node);
  if (flushTimer === null) {
    flushTimer = setTimeout(flushDeadlines, 30);
  }
}

async function flushDeadlines() {
  const batch = waiting;
  waiting = new Map();
  flushTimer = null;
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += 100) {
    const part = ids.slice(i, i + 100);
    try {
      const rows = await getJson('/tasks/deadlines?ids=' + encodeURIComponent(part.join(',')));
      for (const row of rows) {
        for (const node of batch.get(row.taskId) || []) {
          // next to the card's own 到期 line, not in the collapsed details where the plugin point puts it
          const dates = node.closest('li') && node.closest('li').querySelector('.dates');
          if (dates) {
            dates.appendChild(node);
          }
          node.textContent = row.standing;
          node.title = '期限：' + row.due;
          node.classList.add(standingClass(row));
        }
      }
    } catch (e) {
      console.warn('期限未能读取', e);
    }
  }
}

const cardPlugin = {
  id: 'shequ-card-deadline',
  pluginPoint: 'tasklist.card',
  priority: 10,
  render: (node, { taskId }) => {
    const badge = el('span', 'shequ-card-deadline');
    node.appendChild(badge);
    if (taskId) {
      askDeadline(taskId, badge);
    }
  }
};

// 2. the case's history tab
function renderHistory(node, history) {
  node.textContent = '';
  const head = el('div', 'shequ-history-head');
  head.appendChild(el('strong', null, '事项编号 ' + (history.caseNumber || '（无编号）')));
  head.appendChild(el('span', null, '　' + (history.procedure || '') + '　受理：' + (history.receivedAt || '')
    + (history.closedAt ? '　办结：' + history.closedAt : '　办理中')));
  node.appendChild(head);
  const documents = (history.documents || []).filter((d) => /^\/print\//.test(d.href || ''));
  if (documents.length) {
    const papers = el('div', 'shequ-history-documents');
    papers.appendChild(el('span', null, '文书：'));
    for (const paper of documents) {
      const link = el('a', null, paper.title);
      link.href = paper.href;
      link.target = '_blank';
      link.rel = 'noopener';
      papers.appendChild(link);
    }
    node.appendChild(papers);
  }
  const list = el('ol', 'shequ-history');
  for (const step of history.steps || []) {
    const item = el('li', step.endedAt ? 'done' : 'open');
    const line = el('div', 'shequ-history-line');
    line.appendChild(el('span', 'when', step.startedAt + (step.endedAt ? ' — ' + step.endedAt : '')));
    line.appendChild(el('span', 'what', '【' + step.procedure + '】' + step.name));
    line.appendChild(el('span', 'who', step.holder));
    line.appendChild(el('span', 'state', step.state));
    item.appendChild(line);
    const entered = Object.entries(step.entered || {});
    if (entered.length) {
      const fields = el('dl', 'shequ-history-fields');
      for (const [label, value] of entered) {
        fields.appendChild(el('dt', null, label));
        fields.appendChild(el('dd', null, value));
      }
      item.appendChild(fields);
    }
    list.appendChild(item);
  }
  node.appendChild(list);
}

const historyPlugin = {
  id: 'shequ-case-history',
  pluginPoint: 'tasklist.task.detail',
  priority: 900,
  label: '历史记录',
  render: (node, { taskId }) => {
    node.classList.add('shequ-history-tab');
    node.textContent = '正在读取事项经过…';
    getJson('/tasks/' + encodeURIComponent(taskId) + '/case-history')
      .then((history) => renderHistory(node, history))
      .catch((e) => { node.textContent = '事项经过未能读取：' + e.message; });
  }
};

// 3. the new case's number right after 发起
function showStarted(caseNumber) {
  const old = document.querySelector('.shequ-started');
  if (old) {
    old.remove();
  }
  const box = el('div', 'shequ-started');
  box.setAttribute('role', 'status');
  box.appendChild(el('span', null, '已受理，事项编号 '));
  box.appendChild(el('strong', 'shequ-started-number', caseNumber));
  box.appendChild(el('span', null, '，请告知居民凭此编号查询。'));
  if (/^JD/.test(caseNumber)) {
    const link = el('a', null, '打印受理回执');
    link.href = '/print/receipt/' + encodeURIComponent(caseNumber);
    link.target = '_blank';
    link.rel = 'noopener';
    box.appendChild(link);
  }
  const close = el('button', 'close', '×');
  close.type = 'button';
  close.title = '关闭';
  close.addEventListener('click', () => box.remove());
  box.appendChild(close);
  document.body.appendChild(box);
}

const START = /\/process-definition\/(?:key\/)?[^/]+\/submit-form$/;
const open = XMLHttpRequest.prototype.open;
const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.shequStart = String(method).toUpperCase() === 'POST' && START.test(String(url).split('?')[0]);
  return open.call(this, method, url, ...rest);
};
XMLHttpRequest.prototype.send = function (...args) {
  if (this.shequStart) {
    this.addEventListener('load', () => {
      if (this.status >= 200 && this.status < 300) {
        try {
          const started = JSON.parse(this.responseText);
          if (started && started.businessKey) {
            showStarted(started.businessKey);
          }
        } catch (e) {
          // not JSON: nothing to show
        }
      }
    });
  }
  return send.apply(this, args);
};

// 4. due-first in the sorting header; Tasklist keeps its sorting in the address (#/?…&sorting=[…])
const DUE_FIRST = JSON.stringify([{ sortBy: 'dueDate', sortOrder: 'asc' }]);
const TASKLIST_DEFAULT = JSON.stringify([{ sortBy: 'created', sortOrder: 'desc' }]);
const CHOSEN = 'shequ-sorting-chosen';

document.addEventListener('click', (event) => {
  if (event.target.closest && event.target.closest('.sorting-choice, .new-sort')) {
    sessionStorage.setItem(CHOSEN, 'yes');
  }
}, true);

function dueFirst() {
  const hash = location.hash || '#/';
  const mark = hash.indexOf('?');
  const path = mark < 0 ? hash : hash.slice(0, mark);
  if (path !== '#/' || sessionStorage.getItem(CHOSEN)) {
    return;
  }
  const params = mark < 0 ? [] : hash.slice(mark + 1).split('&').filter((part) => part);
  const sorting = params.find((part) => part.startsWith('sorting='));
  let current = null;
  try {
    current = sorting ? decodeURIComponent(sorting.slice('sorting='.length)) : null;
  } catch (e) {
    return;
  }
  if (current !== null && current !== TASKLIST_DEFAULT) {
    return;
  }
  const kept = params.filter((part) => part !== sorting);
  kept.push('sorting=' + encodeURIComponent(DUE_FIRST));
  location.replace(location.pathname + location.search + path + '?' + kept.join('&'));
}

window.addEventListener('hashchange', dueFirst);
dueFirst();

// 5. the open task's standing, in its own dates line (the task view's, not a card's)
function openTaskId() {
  const match = /[?&]task=([^&]+)/.exec(location.hash || '');
  return match ? decodeURIComponent(match[1]) : null;
}

let standingAsked = null;
function showTaskStanding() {
  const taskId = openTaskId();
  const dates = [...document.querySelectorAll('ul.dates')].find((list) => !list.closest('ol.tasks-list'));
  if (!taskId || !dates) {
    return;
  }
  const shown = dates.querySelector('.shequ-task-standing');
  if (shown && shown.dataset.taskId === taskId) {
    return;
  }
  if (standingAsked === taskId) {
    return;
  }
  standingAsked = taskId;
  getJson('/tasks/deadlines?ids=' + encodeURIComponent(taskId)).then((rows) => {
    standingAsked = null;
    const row = rows.find((r) => r.taskId === taskId);
    const list = [...document.querySelectorAll('ul.dates')].find((l) => !l.closest('ol.tasks-list'));
    if (!row || !list || openTaskId() !== taskId) {
      return;
    }
    let item = list.querySelector('.shequ-task-standing');
    if (!item) {
      item = el('li', 'shequ-task-standing');
      list.appendChild(item);
    }
    item.dataset.taskId = taskId;
    item.className = 'shequ-task-standing ' + standingClass(row);
    item.textContent = row.standing;
    item.title = '期限：' + row.due;
    offerExtension(list, row.caseNumber, taskId);
  }).catch((e) => {
    standingAsked = null;
    console.warn('期限未能读取', e);
  });
}

async function postJson(path, body) {
  const response = await fetch(API + path, {
    method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' }
  });
  const answer = await response.json().catch(() => ({}));
  return { ok: response.ok, message: answer.message || ('请求失败（' + response.status + '）') };
}

function offerExtension(list, caseNumber, taskId) {
  const old = list.querySelector('.shequ-extension-offer');
  if (old) {
    old.remove();
  }
  const panel = document.querySelector('.shequ-extension-panel');
  if (panel) {
    panel.remove();
  }
  if (!caseNumber) {
    return;
  }
  const path = '/cases/' + encodeURIComponent(caseNumber) + '/extension';
  getJson(path).then((info) => {
    if (!info.allowed || openTaskId() !== taskId) {
      return;
    }
    const item = el('li', 'shequ-extension-offer');
    const link = el('a', null, info.pending ? '延期申请待审批' : '申请延期');
    link.href = '';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      if (!info.pending) {
        toggleExtensionPanel(list, path, info.maxWorkingDays, link);
      }
    });
    item.appendChild(link);
    list.appendChild(item);
  }).catch(() => { /* not this user's case to extend: no link */ });
}

function toggleExtensionPanel(list, path, max, link) {
  const open = document.querySelector('.shequ-extension-panel');
  if (open) {
    open.remove();
    return;
  }
  const panel = el('form', 'shequ-extension-panel');
  panel.noValidate = true; // the server's Chinese message says what is wrong, in one place
  const days = el('input');
  days.type = 'number';
  days.min = '1';
  days.max = String(max);
  days.step = '1';
  days.name = 'workingDays';
  const reason = el('textarea');
  reason.name = 'reason';
  reason.rows = 2;
  reason.maxLength = 500;
  const daysLabel = el('label', null, '延长工作日数（1–' + max + '）');
  daysLabel.appendChild(days);
  const reasonLabel = el('label', null, '延期理由');
  reasonLabel.appendChild(reason);
  const submit = el('button', 'btn btn-primary btn-sm', '提交申请');
  submit.type = 'submit';
  const cancel = el('button', 'btn btn-default btn-sm', '取消');
  cancel.type = 'button';
  cancel.addEventListener('click', () => panel.remove());
  const status = el('div', 'shequ-extension-status');
  status.setAttribute('role', 'status');
  panel.append(daysLabel, reasonLabel, submit, cancel, status);
  panel.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const answer = await postJson(path, { workingDays: days.value, reason: reason.value })
      .catch(() => ({ ok: false, message: '申请未能提交，请稍后再试' }));
    status.textContent = answer.message;
    status.className = 'shequ-extension-status ' + (answer.ok ? 'text-success' : 'text-danger');
    submit.disabled = answer.ok;
    if (answer.ok) {
      link.textContent = '延期申请待审批';
    }
  });
  // below the task's whole header (its dates and its group and assignee lines), not between them
  const metas = list.parentElement ? [...list.parentElement.querySelectorAll(':scope > ul.meta')] : [];
  (metas.length ? metas[metas.length - 1] : list).insertAdjacentElement('afterend', panel);
}

new MutationObserver(showTaskStanding).observe(document.documentElement, { childList: true, subtree: true });
window.addEventListener('hashchange', showTaskStanding);

export default [cardPlugin, historyPlugin];
