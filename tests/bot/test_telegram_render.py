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
