from bot.telegram_render import inline_keyboard, layout_buttons
from companion.replies import Button


def test_number_scale_is_six_to_a_row() -> None:
    buttons = [Button(str(i), f'/mood{{"score":{i}}}') for i in range(11)]
    assert [len(row) for row in layout_buttons(buttons)] == [6, 5]


def test_long_titles_get_a_row_each() -> None:
    buttons = [Button("Yes, that's fine with me", "/a"), Button("No", "/b")]
    assert [len(row) for row in layout_buttons(buttons)] == [1, 1]


def test_payloads_over_64_bytes_are_dropped_not_truncated() -> None:
    markup = inline_keyboard([Button("ok", "/ok"), Button("long", "/" + "x" * 70)])
    assert markup is not None
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert data == ["/ok"]


def test_keyboard_json_is_the_same_keyboard_as_inline_keyboard() -> None:
    import json

    from bot.telegram_render import inline_keyboard, keyboard_json
    from companion.replies import Button

    buttons = [
        Button("Check in now", "/mood_checkin"),
        Button("In 1 hour", "nudge:snooze:7:1h"),
        Button("Too long", "x" * 65),
        Button("Web", "", url="https://example.org"),
    ]
    markup = inline_keyboard(buttons)
    raw = keyboard_json(buttons)
    assert markup is not None and raw is not None
    assert json.loads(raw) == markup.to_dict()
    assert keyboard_json([Button("Too long", "x" * 65)]) is None
