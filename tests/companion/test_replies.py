from companion.replies import Button, Reply, replies_from_rasa


def test_text_and_buttons_become_replies() -> None:
    replies = replies_from_rasa(
        [
            {"recipient_id": "1", "text": "Hello", "buttons": [{"title": "Yes", "payload": "/y"}]},
            {"recipient_id": "1", "image": "http://127.0.0.1/chart.png"},
        ]
    )
    assert replies == [
        Reply(text="Hello", buttons=(Button("Yes", "/y"),)),
        Reply(image_url="http://127.0.0.1/chart.png"),
    ]


def test_entries_without_content_or_incomplete_buttons_are_skipped() -> None:
    replies = replies_from_rasa(
        [{"recipient_id": "1"}, {"text": "Hi", "buttons": [{"title": "No payload"}]}]
    )
    assert replies == [Reply(text="Hi")]
