export const MODES = ['CASUAL', 'SUPPORTIVE', 'PLAYFUL', 'FOCUSED', 'REFLECTIVE'] as const;
export type Mode = (typeof MODES)[number];

export const modeName = (mode: string) => mode.charAt(0) + mode.slice(1).toLowerCase();

/** The companion mode as a native select (a combobox named "Mode"). */
export function ModePicker({ mode, onChange }: { mode: string; onChange: (mode: Mode) => void }) {
  return (
    <div class="mode-picker">
      <label for="mode">Mode</label>
      <select id="mode" value={mode} onChange={(event) => onChange(event.currentTarget.value as Mode)}>
        {MODES.map((value) => (
          <option key={value} value={value}>
            {modeName(value)}
          </option>
        ))}
      </select>
    </div>
  );
}

const MOOD_EMOJI: Record<string, string> = {
  JOY: '😊',
  TRUST: '🤝',
  FEAR: '😟',
  SURPRISE: '😮',
  SADNESS: '😢',
  DISGUST: '😖',
  ANGER: '😠',
  ANTICIPATION: '✨',
  NEUTRAL: '🙂',
};

/** Her mood, as text containing "Mood". */
export function MoodBadge({ label }: { label: string }) {
  return (
    <p class="mood" aria-live="polite">
      <span aria-hidden="true">{MOOD_EMOJI[label] ?? '🙂'}</span> Mood: {modeName(label)}
    </p>
  );
}
