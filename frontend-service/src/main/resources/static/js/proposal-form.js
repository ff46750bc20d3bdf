// The proposal fields shared by the submission form and the tracking page's edit form.

export const EDITABLE_FIELDS = ['title', 'abstract', 'format', 'level', 'speakerBio'];

export function fieldError(form, name, text) {
  const error = document.getElementById(`${name}-error`);
  if (!error) return false;
  error.textContent = text || '';
  const inputs = form.querySelectorAll(`[name="${name}"]`);
  inputs.forEach((input) => {
    if (text) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  });
  return true;
}

/** Shows a 400's field errors next to their fields; answers the first field named, to focus it. */
export function showFieldErrors(form, errors, fields) {
  let first = null;
  for (const error of errors) {
    if (fields.includes(error.field) && fieldError(form, error.field, error.message)) first = first || error.field;
  }
  return first;
}

export function focusField(form, name) {
  const input = form.querySelector(`[name="${name}"]:checked`) || form.querySelector(`[name="${name}"]`);
  if (input) input.focus();
}

/**
 * format, level and speakerBio, each only when it says something: c4p takes a missing format as a talk, a missing level
 * as not stated and a missing bio as none.
 */
export function newFieldValues(form) {
  const format = form.querySelector('[name="format"]:checked');
  const bio = form.elements.speakerBio.value;
  const values = {};
  if (format && format.value !== 'TALK') values.format = format.value;
  if (form.elements.level.value) values.level = form.elements.level.value;
  if (bio.trim()) values.speakerBio = bio;
  return values;
}

export function setNewFieldValues(form, proposal) {
  const format = proposal.format || 'TALK';
  form.querySelectorAll('[name="format"]').forEach((radio) => { radio.checked = radio.value === format; });
  form.elements.level.value = proposal.level || '';
  form.elements.speakerBio.value = proposal.speakerBio || '';
  updateCounter(form);
}

function updateCounter(form) {
  const counter = document.getElementById('speakerBio-count');
  const bio = form.elements.speakerBio;
  if (counter) counter.textContent = `${bio.value.length} of ${bio.maxLength} used.`;
}

export function countBio(form) {
  form.elements.speakerBio.addEventListener('input', () => updateCounter(form));
  updateCounter(form);
}
