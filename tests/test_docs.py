"""The documents stay true: every code block of the tutorial is a doctest, and its figure is current."""

import os
import re

from tinynet.xor import compare_losses_svg

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(*parts):
    with open(os.path.join(ROOT, *parts), encoding="utf-8") as f:
        return f.read()


def test_every_python_block_of_the_tutorial_is_a_doctest():
    text = read("docs", "tutorial.md")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 8
    for block in blocks:
        assert block.lstrip().startswith(">>>"), block[:60]
    for step in ("Step 1", "Step 2", "Step 3", "Step 4", "Putting it together", "two losses side by side"):
        section = text.split(step, 1)[1].split("\n## ", 1)[0]
        assert "```python" in section, step


def test_the_loss_comparison_figure_is_what_the_code_draws():
    assert read("docs", "xor-losses.svg") == compare_losses_svg()


def test_the_tutorials_pictures_are_what_the_code_draws():
    from tinynet import NeuralNetwork, plot
    from tinynet.xor import X, y

    nn = NeuralNetwork(2, 4, 1, seed=0)  # the tutorial's network, trained as in Step 4
    nn.train(X, y, 10000, verbose=False)
    assert read("docs", "xor-loss.svg") == str(plot.loss_curve(nn))
    assert read("docs", "xor-decision.svg") == str(plot.decision_map(nn, X, y))


def test_readme_starts_with_the_two_commands():
    first = read("README.md").split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert first[0].startswith("python -m tinynet.xor")
    assert first[1].startswith("python -m pip install -e '.[test]' && python -m pytest")
    ci = read(".ci", "run")
    assert "python -m pip install -q -e '.[test]' && python -m pytest" in ci
