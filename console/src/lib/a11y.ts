/**
 * antd's Select renders its option list (role="listbox", id "<field>_list") without an accessible
 * name, which screen readers announce as an unnamed list and axe reports as serious. Name each such
 * list after its field: the field's <label>, or the field's own aria-label.
 */
function nameListboxes(root: ParentNode) {
  for (const list of root.querySelectorAll<HTMLElement>('[role="listbox"][id$="_list"]:not([aria-label])')) {
    const fieldId = list.id.slice(0, -'_list'.length);
    const field = document.getElementById(fieldId);
    const label = (fieldId && document.querySelector(`label[for="${CSS.escape(fieldId)}"]`)?.textContent?.trim()) || field?.getAttribute('aria-label') || '选项';
    list.setAttribute('aria-label', `${label}：选项`);
  }
}

export function startA11yFixes(): void {
  nameListboxes(document);
  new MutationObserver(() => nameListboxes(document)).observe(document.body, { childList: true, subtree: true });
}
