from social_image.social_image import image_problems

STATIC = ["images", "extra"]


def make_content(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "lake.jpg").write_bytes(b"jpeg")
    (tmp_path / "drafts-folder").mkdir()
    (tmp_path / "drafts-folder" / "lake.jpg").write_bytes(b"jpeg")
    return tmp_path


def test_a_published_image_with_alt_text_is_accepted(tmp_path):
    root = make_content(tmp_path)
    meta = {"image": "images/lake.jpg", "image_alt": "A quiet lake at dawn"}
    assert image_problems(meta, root, STATIC) == []
    assert image_problems({**meta, "image": "{static}/images/lake.jpg"}, root, STATIC) == []
    assert image_problems({}, root, STATIC) == []


def test_a_missing_file_is_named_with_the_field(tmp_path):
    root = make_content(tmp_path)
    meta = {"image": "images/lakes.jpg", "image_alt": "A lake"}
    assert image_problems(meta, root, STATIC) == [
        "Image 'images/lakes.jpg' does not exist under content/: "
        "add the file or fix the path (e.g. `images/lake.jpg`)"
    ]


def test_alt_text_is_required(tmp_path):
    root = make_content(tmp_path)
    (problem,) = image_problems({"image": "images/lake.jpg"}, root, STATIC)
    assert problem.startswith("Image is set but Image_alt is missing")
    (problem,) = image_problems({"image_alt": "A lake"}, root, STATIC)
    assert problem.startswith("Image_alt is set without Image")


def test_pictures_from_elsewhere_or_unpublished_folders_are_refused(tmp_path):
    root = make_content(tmp_path)
    alt = {"image_alt": "A lake"}
    for image in ("https://cdn.example.com/lake.jpg", "../secret.jpg"):
        (problem,) = image_problems({**alt, "image": image}, root, STATIC)
        assert "must be a file of this site" in problem
    (problem,) = image_problems({**alt, "image": "drafts-folder/lake.jpg"}, root, STATIC)
    assert "is not in a published folder" in problem
