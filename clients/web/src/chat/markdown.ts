import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * Markdown to sanitized HTML: marked renders, DOMPurify keeps only harmless markup. Raw HTML in
 * the text is escaped, not rendered; images and inline styles are dropped (the CSP would refuse
 * them anyway); links open in a new tab without access to this page.
 */
export function createMarkdownRenderer() {
  const marked = new Marked({ gfm: true, breaks: true, async: false });
  marked.use({ renderer: { html: ({ text }) => escapeHtml(text) } });
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  const options = {
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'button', 'iframe', 'svg', 'math'],
    FORBID_ATTR: ['style', 'class', 'id'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  };
  return (markdown: string): string => purify.sanitize(marked.parse(markdown) as string, options);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
