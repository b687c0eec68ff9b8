"""Keras 2's preprocessing generators, which Keras 3 left out of keras.preprocessing (keras3-removed-api) and the
dead Keras-Preprocessing package (dead-packages), repaired by the static pass and run in the full profile's real
kernel: the generators feed a Keras 3 model's fit, as they fed Keras 2's fit_generator.

The full environment is not built in CI: the test skips there (`mlemod run --profile full` builds it once).
"""

from __future__ import annotations

from support import code_notebook, stdout

OLD = code_notebook(
    "import numpy as np\nfrom keras.models import Sequential\nfrom keras.layers import Dense, Flatten\n"
    "from keras.preprocessing.image import ImageDataGenerator, img_to_array\n"
    "from keras.preprocessing.sequence import pad_sequences, TimeseriesGenerator\n"
    "from keras_preprocessing.text import Tokenizer",
    "rng = np.random.RandomState(0)\nX, y = rng.rand(32, 8, 8, 1), (rng.rand(32) > 0.5).astype('float32')\n"
    "datagen = ImageDataGenerator(rotation_range=10, width_shift_range=0.1, horizontal_flip=True)\ndatagen.fit(X)\n"
    "model = Sequential()\nmodel.add(Flatten(input_shape=(8, 8, 1)))\nmodel.add(Dense(1, activation='sigmoid'))\n"
    "model.compile(optimizer='adam', loss='binary_crossentropy')\n"
    "h = model.fit_generator(datagen.flow(X, y, batch_size=8), steps_per_epoch=4, epochs=2, verbose=0)\n"
    "print(len(h.history['loss']), model.predict_generator(datagen.flow(X, batch_size=8, shuffle=False), verbose=0).shape)",
    "series = np.arange(10, dtype='float32')\nwindows = TimeseriesGenerator(series, series, length=3, batch_size=2)\n"
    "tok = Tokenizer()\ntok.fit_on_texts(['a b', 'b c c'])\n"
    "print(len(windows), windows[0][0].tolist(), pad_sequences(tok.texts_to_sequences(['c b']), maxlen=3).tolist())",
)


def test_keras2_generators_feed_a_keras3_fit(fails_then_runs):
    after = fails_then_runs(OLD, 0, "ImageDataGenerator", {"keras3-removed-api", "dead-packages"}, profile="full")
    assert stdout(after.cells[1]) == "2 (32, 1)\n"
    # three windows of 3 in batches of 2; the tokenizer counted b and c twice, b first: b=1, c=2
    assert stdout(after.cells[2]) == "4 [[0.0, 1.0, 2.0], [1.0, 2.0, 3.0]] [[0, 2, 1]]\n"
