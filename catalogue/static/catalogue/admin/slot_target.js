'use strict';
// The slot form's target box: Django admin's select2 searching the catalogue (the slot
// admin's lookup/ URL) as staff type, for the kind of target chosen above it. What is
// typed is kept as it is when nothing matches (a 7digital shop URL, an id, a tag, a URL).
{
    const $ = django.jQuery;

    function option(item) {
        if (item.loading || !item.kind) {
            return item.text;
        }
        const row = $('<span class="slot-target"></span>');
        if (item.image) {
            row.append($('<img class="slot-target__cover" alt="" width="40" height="40">').attr('src', item.image));
        }
        const text = $('<span></span>').append($('<strong></strong>').text(item.title));
        const meta = [item.artist, item.year].filter(Boolean).join(' · ');
        if (meta) {
            text.append($('<span class="slot-target__meta"></span>').text(meta));
        }
        return row.append(text);
    }

    function showChosen(item) {
        const figure = document.getElementById('slot-chosen');
        if (!figure) {
            return;
        }
        const cover = figure.querySelector('img');
        cover.hidden = !item.image;
        cover.src = item.image || '';
        const caption = figure.querySelector('figcaption');
        caption.textContent = item.kind ? [item.title, item.artist, item.year].filter(Boolean).join(' · ') : item.text + ' (checked when saved)';
    }

    function field(id) {
        const element = document.getElementById(id);
        return element ? element.value : '';
    }

    $(function() {
        $('select.slot-target-select').each(function(_, element) {
            const $element = $(element);
            $element.select2({
                tags: true,
                minimumInputLength: 2,
                width: 'style',
                placeholder: 'Type part of a name, or paste a 7digital URL',
                createTag: (params) => {
                    const term = params.term.trim();
                    return term ? {id: term, text: term, typed: true} : null;
                },
                insertTag: (data, tag) => data.push(tag),  // matches first, the typed text last
                ajax: {
                    url: element.dataset.lookupUrl,
                    delay: 250,
                    data: (params) => ({
                        term: params.term,
                        kind: field('id_target_type'),
                        territory: field('id_territory'),
                    }),
                },
                templateResult: option,
                templateSelection: (item) => item.title || item.text,
            });
            $element.on('select2:select', (event) => showChosen(event.params.data));
            $('#id_target_type').on('change', () => $element.val(null).trigger('change'));
        });
    });
}
